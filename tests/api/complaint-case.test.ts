import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildRealApp } from './real-app.js';
import { as, multipart } from './test-app.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake image body')]);

describe('a complaint case through the REST API', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const secretary = as('secretary', ['rc']);
  const clerk = as('li', ['rc']);
  const otherClerk = as('chen', ['rc']);
  const property = as('zhang', ['pm']);
  const resident = as('resident-1', ['resident']);

  beforeAll(async () => {
    ({ app, close } = await buildRealApp({ UPLOAD_LIMIT: '4kb' }));
    for (const form of ['complaint-register.form.json', 'complaint-accept.form.json']) {
      const response = await app.inject({ method: 'POST', url: '/api/definitions', headers: secretary, payload: { kind: 'form', content: JSON.parse(fixture(form)) } });
      expect(response.statusCode).toBe(201);
    }
    const upload = multipart({}, { name: 'complaint-intake.bpmn', type: 'application/octet-stream', content: fixture('complaint-intake.bpmn') });
    const deployed = await app.inject({ method: 'POST', url: '/api/definitions/upload', headers: { ...secretary, ...upload.headers }, payload: upload.payload });
    expect(deployed.statusCode).toBe(201);
    expect(deployed.json().definitions).toMatchObject([{ kind: 'bpmn', key: 'complaint_intake', version: 1, deployedBy: 'secretary' }]);
  });

  afterAll(async () => {
    await close();
  });

  async function start(variables: Record<string, unknown>) {
    return app.inject({ method: 'POST', url: '/api/instances', headers: resident, payload: { processKey: 'complaint_intake', variables } });
  }

  it('should treat a second deploy of the same form as unchanged', async () => {
    // when
    const response = await app.inject({ method: 'POST', url: '/api/definitions', headers: secretary, payload: { kind: 'form', content: fixture('complaint-accept.form.json') } });

    // then
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ unchanged: true, definitions: [{ key: 'complaint-accept', version: 1 }] });
  });

  it('should page through the definitions with a cursor', async () => {
    // when
    const first = await app.inject({ method: 'GET', url: '/api/definitions?limit=2' });
    const second = await app.inject({ method: 'GET', url: `/api/definitions?limit=2&cursor=${encodeURIComponent(first.json().nextCursor)}` });

    // then
    const keys = [...first.json().items, ...second.json().items].map((d: { key: string }) => d.key).sort();
    expect(keys).toEqual(['complaint-accept', 'complaint-register', 'complaint_intake']);
    expect(second.json().nextCursor).toBeNull();
  });

  it('should refuse a start form with missing and wrong fields, naming each, and start nothing', async () => {
    // when
    const response = await start({ category: 'noise', contact: { building: 99 } });
    const instances = await app.inject({ method: 'GET', url: '/api/instances?processKey=complaint_intake&status=active' });

    // then
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('WF_FORM_VALIDATION');
    expect(response.json().details.problems.map((p: { field: string }) => p.field)).toEqual(['category', 'description', 'contact.building']);
    expect(instances.json().items).toEqual([]);
  });

  it('should answer an unknown process with 404', async () => {
    // when
    const response = await app.inject({ method: 'POST', url: '/api/instances', headers: resident, payload: { processKey: 'no_such_process' } });

    // then
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('WF_NOT_FOUND');
  });

  it('should refuse variables that are not JSON-safe', async () => {
    // when
    const response = await app.inject({
      method: 'POST',
      url: '/api/instances',
      headers: { ...resident, 'content-type': 'application/json' },
      payload: '{"processKey":"complaint_intake","variables":{"category":"parking","description":"占用消防通道","amount":1e400}}',
    });

    // then
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'WF_NOT_JSON_SAFE', details: { problems: [{ path: '/variables/amount' }] } });
  });

  it('should run the case: start, inbox, claim, conflicting claim, form check on complete, next task, history', async () => {
    // given a resident's complaint (the hidden "other category" is dropped on the server)
    const started = await start({ category: 'parking', otherCategory: 'ignored', description: '车辆长期占用消防通道' });
    expect(started.statusCode).toBe(201);
    const instance = started.json();
    expect(instance.variables).toEqual({ category: 'parking', description: '车辆长期占用消防通道', consent: false, channel: 'phone' });

    // when the residents' committee looks at its inbox
    const inbox = await app.inject({ method: 'GET', url: `/api/tasks?candidate=me&instanceId=${instance.id}`, headers: clerk });
    const propertyInbox = await app.inject({ method: 'GET', url: `/api/tasks?candidate=me&instanceId=${instance.id}`, headers: property });

    // then only they see the acceptance task
    expect(inbox.statusCode).toBe(200);
    expect(inbox.json().items).toMatchObject([{ elementId: 'Task_Accept', name: '居委会受理', formId: 'complaint-accept', assignee: null }]);
    expect(propertyInbox.json().items).toEqual([]);
    const taskId: string = inbox.json().items[0].id;

    // and the task's form can be fetched for rendering
    const form = await app.inject({ method: 'GET', url: `/api/tasks/${taskId}/form`, headers: clerk });
    expect(form.json()).toMatchObject({ formId: 'complaint-accept', version: 1, schema: { id: 'complaint-accept' } });

    // when one clerk claims it and a colleague tries too
    const claimed = await app.inject({ method: 'POST', url: `/api/tasks/${taskId}/claim`, headers: clerk });
    const second = await app.inject({ method: 'POST', url: `/api/tasks/${taskId}/claim`, headers: otherClerk });

    // then the second gets a conflict
    expect(claimed.json()).toMatchObject({ assignee: 'li' });
    expect(second.statusCode).toBe(409);

    // when the clerk rejects without the reason the form requires
    const refused = await app.inject({ method: 'POST', url: `/api/tasks/${taskId}/complete`, headers: clerk, payload: { variables: { decision: 'reject' } } });

    // then the field is named and the task stays open
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.problems).toEqual([expect.objectContaining({ field: 'rejectReason', label: '不予受理理由' })]);

    // when the clerk accepts
    const completed = await app.inject({ method: 'POST', url: `/api/tasks/${taskId}/complete`, headers: clerk, payload: { variables: { decision: 'accept', rejectReason: 'n/a' } } });

    // then the property company gets the next task and the hidden reason was not stored
    expect(completed.statusCode).toBe(200);
    expect(completed.json().createdTasks).toMatchObject([{ elementId: 'Task_Handle', candidateGroups: ['pm'] }]);
    const details = await app.inject({ method: 'GET', url: `/api/instances/${instance.id}` });
    expect(details.json().variables).not.toHaveProperty('rejectReason');
    expect(details.json().variables.decision).toBe('accept');
    expect(details.json().activeElements).toMatchObject([{ elementId: 'Task_Handle' }]);
    const history = await app.inject({ method: 'GET', url: `/api/instances/${instance.id}/history?limit=200` });
    expect(history.json().items.map((h: { type: string }) => h.type)).toContain('task.claimed');

    // and completing the finished task again is refused
    const again = await app.inject({ method: 'POST', url: `/api/tasks/${taskId}/complete`, headers: clerk, payload: { variables: { decision: 'accept' } } });
    expect(again.statusCode).toBe(409);
  });

  it('should keep internal notes apart from public replies', async () => {
    // given
    const instance = (await start({ category: 'repair', description: '楼道灯坏了三天' })).json();

    // when
    const note = await app.inject({ method: 'POST', url: `/api/instances/${instance.id}/comments`, headers: clerk, payload: { body: '已电话联系物业', visibility: 'internal' } });
    await app.inject({ method: 'POST', url: `/api/instances/${instance.id}/comments`, headers: clerk, payload: { body: '已安排维修，预计周五前完成', visibility: 'public' } });
    const publicOnly = await app.inject({ method: 'GET', url: `/api/instances/${instance.id}/comments?visibility=public` });

    // then
    expect(note.statusCode).toBe(201);
    expect(publicOnly.json().items.map((c: { body: string }) => c.body)).toEqual(['已安排维修，预计周五前完成']);
  });

  it('should store an attachment by content hash and give the bytes back', async () => {
    // given
    const instance = (await start({ category: 'repair', description: '墙面渗水严重' })).json();
    const upload = multipart({ visibility: 'internal' }, { name: '渗水照片.png', type: 'image/png', content: png });

    // when
    const created = await app.inject({ method: 'POST', url: `/api/instances/${instance.id}/attachments`, headers: { ...clerk, ...upload.headers }, payload: upload.payload });
    const download = await app.inject({ method: 'GET', url: `/api/attachments/${created.json().id}/content` });

    // then
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ fileName: '渗水照片.png', mediaType: 'image/png', size: png.length, uploadedBy: 'li' });
    expect(created.json()).not.toHaveProperty('storagePath');
    expect(download.rawPayload.equals(png)).toBe(true);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%E6%B8%97");
  });

  it('should refuse attachments of the wrong type, with lying content, or too large', async () => {
    // given
    const instance = (await start({ category: 'repair', description: '墙面渗水严重' })).json();
    const send = (file: Parameters<typeof multipart>[1]) => {
      const body = multipart({}, file);
      return app.inject({ method: 'POST', url: `/api/instances/${instance.id}/attachments`, headers: { ...clerk, ...body.headers }, payload: body.payload });
    };

    // when
    const exe = await send({ name: 'virus.exe', type: 'application/x-msdownload', content: 'MZ...' });
    const fakePng = await send({ name: 'page.png', type: 'image/png', content: '<html><script>alert(1)</script></html>' });
    const huge = await send({ name: 'big.png', type: 'image/png', content: Buffer.concat([png, Buffer.alloc(8 * 1024)]) });
    const list = await app.inject({ method: 'GET', url: `/api/instances/${instance.id}/attachments` });

    // then
    expect([exe.statusCode, fakePng.statusCode, huge.statusCode]).toEqual([415, 415, 413]);
    expect(list.json().items).toEqual([]);
  });

  it('should keep no bytes of an upload whose case does not exist', async () => {
    // given
    const unique = Buffer.concat([png, Buffer.from(`orphan ${Date.now()}`)]);
    const upload = multipart({}, { name: 'x.png', type: 'image/png', content: unique });

    // when
    const response = await app.inject({ method: 'POST', url: '/api/instances/NOSUCHCASE/attachments', headers: { ...clerk, ...upload.headers }, payload: upload.payload });

    // then
    expect(response.statusCode).toBe(404);
    const stored = readdirSync(path.join(app.config.dataDir, 'attachments'), { recursive: true }).map(String);
    const sha = createHash('sha256').update(unique).digest('hex');
    expect(stored.some((name) => name.endsWith(sha))).toBe(false);
  });

  it('should cancel a case with a reason and refuse a second cancel', async () => {
    // given
    const instance = (await start({ category: 'other', otherCategory: '噪音', description: '夜间施工噪音扰民' })).json();

    // when
    const cancelled = await app.inject({ method: 'POST', url: `/api/instances/${instance.id}/cancel`, headers: secretary, payload: { reason: '居民撤回投诉' } });
    const twice = await app.inject({ method: 'POST', url: `/api/instances/${instance.id}/cancel`, headers: secretary, payload: { reason: '重复' } });
    const withoutReason = await app.inject({ method: 'POST', url: `/api/instances/${instance.id}/cancel`, headers: secretary, payload: {} });

    // then
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('terminated');
    expect(twice.statusCode).toBe(409);
    expect(withoutReason.statusCode).toBe(400);
  });

  it('should answer an id from another community with 404', async () => {
    // given
    const instance = (await start({ category: 'parking', description: '车辆长期占用消防通道' })).json();

    // when
    const response = await app.inject({ method: 'GET', url: `/api/instances/${instance.id}`, headers: as('wang', ['rc'], 'another-community') });

    // then
    expect(response.statusCode).toBe(404);
  });
});
