import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../runtime/identity/password-hasher.js';
import { buildIdentityTestApp, type IdentityTestApp } from '../../runtime/identity/testing/identity-test-app.js';
import { givenCommunity, signIn, testPassword, type BrowserSession } from '../../runtime/identity/testing/identity-fixtures.js';
import { multipart } from './test-app.js';

const fixture = (name: string) => readFileSync(new URL(`../../runtime/identity/tests/fixtures/${name}`, import.meta.url), 'utf8');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake image body')]);

interface Named {
  readonly [field: string]: unknown;
}

/**
 * Cases, tasks, comments and attachments name people beside their ids (王阿姨, 李社工), as
 * staff know each other; a resident gets their own name but not those of the staff handling
 * their case (the resident pages never showed staff names).
 */
describe('people by name in the case, task, comment and attachment answers', () => {
  let t: IdentityTestApp;
  const sessions = new Map<string, BrowserSession>();
  const session = (user: string): BrowserSession => {
    const found = sessions.get(user);
    if (found === undefined) throw new Error(`no session for ${user}`);
    return found;
  };
  const call = async <T = Named>(user: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => {
    const response = await t.app.inject({ method, url, headers: session(user).headers, ...(payload === undefined ? {} : { payload }) });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return { body: response.json() as T, text: response.body };
  };
  let instanceId = '';
  let taskId = '';
  let attachmentId = '';

  beforeAll(async () => {
    t = await buildIdentityTestApp();
    await givenCommunity(t.identity, 'demo');
    const people: [string, string, string][] = [
      ['zhao', '赵书记', 'admin'],
      ['li', '李社工', 'rc'],
      ['wang', '王阿姨', 'resident'],
    ];
    for (const [id, displayName, role] of people) {
      const passwordHash = await hashPassword(testPassword);
      await t.identity.db.transaction(async (tx) => {
        await t.identity.users.create({ id, displayName, passwordHash, mustChangePassword: false }, tx);
        await t.identity.users.setRoles({ userId: id, community: 'demo', roles: [role], grantedBy: 'test' }, tx);
      });
      sessions.set(id, await signIn(t.app, id));
    }
    const acting = { community: 'demo', userId: 'zhao' };
    await t.workflow.deployDefinition({ ...acting, kind: 'form', content: fixture('opinion-reply.form.json') });
    await t.workflow.deployDefinition({ ...acting, kind: 'bpmn', content: fixture('resident-opinion.bpmn') });

    // 王阿姨 gives an opinion; 李社工 takes it, replies in public, notes internally, adds a photo and completes it
    const started = await call('wang', 'POST', '/api/instances', { processKey: 'resident_opinion' });
    expect(started.body['startedByName']).toBe('王阿姨');
    instanceId = String(started.body['id']);
    taskId = (await t.workflow.queryTasks({ community: 'demo', instanceId })).items[0]?.id ?? '';
    const claimed = await call('li', 'POST', `/api/tasks/${taskId}/claim`);
    expect(claimed.body).toMatchObject({ assignee: 'li', assigneeName: '李社工', completedByName: null });
    const reply = await call('li', 'POST', `/api/instances/${instanceId}/comments`, { body: '已联系物业处理。', visibility: 'public' });
    expect(reply.body).toMatchObject({ author: 'li', authorName: '李社工' });
    await call('li', 'POST', `/api/instances/${instanceId}/comments`, { body: '物业说周三来修。', visibility: 'internal' });
    const upload = multipart({ visibility: 'public' }, { name: 'photo.png', type: 'image/png', content: png });
    const uploaded = await t.app.inject({ method: 'POST', url: `/api/instances/${instanceId}/attachments`, headers: { ...session('li').headers, ...upload.headers }, payload: upload.payload });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({ uploadedBy: 'li', uploadedByName: '李社工' });
    attachmentId = String((uploaded.json() as Named)['id']);
    const completed = await call<{ task: Named }>('li', 'POST', `/api/tasks/${taskId}/complete`, { variables: { result: '已修好' } });
    expect(completed.body.task).toMatchObject({ completedBy: 'li', completedByName: '李社工' });
  });
  afterAll(async () => t?.close());

  it('should give staff everyone by name: case list, case, history, tasks, comments and attachments', async () => {
    // when the secretary reads the case every way the workspace does (and 李社工 her tasks)
    const list = await call<{ items: Named[] }>('zhao', 'GET', '/api/instances?processKey=resident_opinion');
    const detail = await call<{ startedByName: unknown; history: Named[] }>('zhao', 'GET', `/api/instances/${instanceId}`);
    const history = await call<{ items: Named[] }>('zhao', 'GET', `/api/instances/${instanceId}/history`);
    const tasks = await call<{ items: Named[] }>('li', 'GET', `/api/tasks?status=all&instanceId=${instanceId}`);
    const task = await call('zhao', 'GET', `/api/tasks/${taskId}`);
    const comments = await call<{ items: Named[] }>('zhao', 'GET', `/api/instances/${instanceId}/comments`);
    const attachments = await call<{ items: Named[] }>('zhao', 'GET', `/api/instances/${instanceId}/attachments`);
    const attachment = await call('zhao', 'GET', `/api/attachments/${attachmentId}`);

    // then each person comes with their name
    expect(list.body.items.map((item) => [item['startedBy'], item['startedByName']])).toEqual([['wang', '王阿姨']]);
    expect(detail.body.startedByName).toBe('王阿姨');
    const completedBy = (entries: Named[]) => entries.filter((entry) => entry['type'] === 'task.completed').map((entry) => [entry['userId'], entry['userName']]);
    expect(completedBy(detail.body.history)).toEqual([['li', '李社工']]);
    expect(completedBy(history.body.items)).toEqual([['li', '李社工']]);
    expect(detail.body.history.filter((entry) => entry['userId'] === null).every((entry) => entry['userName'] === null)).toBe(true);
    expect(tasks.body.items).toMatchObject([{ assignee: 'li', assigneeName: '李社工', completedBy: 'li', completedByName: '李社工' }]);
    expect(task.body).toMatchObject({ assigneeName: '李社工', completedByName: '李社工' });
    expect(comments.body.items.map((comment) => comment['authorName'])).toEqual(['李社工', '李社工']);
    expect(attachments.body.items.map((file) => file['uploadedByName'])).toEqual(['李社工']);
    expect(attachment.body['uploadedByName']).toBe('李社工');
  });

  it('should give the resident her own name and no staff names, the redaction still applying', async () => {
    // when 王阿姨 reads her case
    const list = await call<{ items: Named[] }>('wang', 'GET', '/api/instances');
    const detail = await call<{ startedByName: unknown; variables: unknown; history: Named[] }>('wang', 'GET', `/api/instances/${instanceId}`);
    const history = await call<{ items: Named[] }>('wang', 'GET', `/api/instances/${instanceId}/history`);
    const comments = await call<{ items: Named[] }>('wang', 'GET', `/api/instances/${instanceId}/comments`);
    const attachment = await call('wang', 'GET', `/api/attachments/${attachmentId}`);

    // then she is named, the staff are not (their ids stay as before), and the variables stay hidden
    expect(list.body.items.map((item) => item['startedByName'])).toEqual(['王阿姨']);
    expect(detail.body.startedByName).toBe('王阿姨');
    expect(detail.body.variables).toEqual({});
    const started = detail.body.history.find((entry) => entry['type'] === 'instance.started');
    expect(started).toMatchObject({ userId: 'wang', userName: '王阿姨', data: {} });
    expect(detail.body.history.find((entry) => entry['type'] === 'task.completed')).toMatchObject({ userId: 'li', userName: null });
    expect(comments.body.items).toMatchObject([{ author: 'li', authorName: null, visibility: 'public' }]);
    expect(attachment.body).toMatchObject({ uploadedBy: 'li', uploadedByName: null });
    for (const answer of [list, detail, history, comments, attachment]) {
      expect(answer.text).not.toContain('李社工');
      expect(answer.text).not.toContain('赵书记');
    }
  });
});
