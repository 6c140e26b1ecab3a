import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { givenCommunity, givenUser, signIn, type BrowserSession } from '../testing/identity-fixtures.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('who may start, claim, complete and reassign', () => {
  let t: IdentityTestApp;
  const as = new Map<string, BrowserSession>();
  const session = (user: string): BrowserSession => {
    const found = as.get(user);
    if (found === undefined) throw new Error(`no session for ${user}`);
    return found;
  };
  const post = (user: string, url: string, payload: unknown = {}) => t.app.inject({ method: 'POST', url, headers: session(user).headers, payload: payload as Record<string, unknown> });
  const get = (user: string, url: string) => t.app.inject({ method: 'GET', url, headers: session(user).headers });
  const openCase = async () => {
    const started = await post('resident', '/api/instances', { processKey: 'resident_opinion' });
    expect(started.statusCode).toBe(201);
    const instanceId = (started.json() as { id: string }).id;
    const task = (await t.workflow.queryTasks({ community: 'demo', instanceId })).items[0];
    return { instanceId, taskId: task?.id ?? '' };
  };

  beforeAll(async () => {
    t = await buildIdentityTestApp();
    await givenCommunity(t.identity, 'demo');
    await givenCommunity(t.identity, 'other');
    const people: [string, Record<string, string[]>][] = [
      ['resident', { demo: ['resident'] }],
      ['neighbour', { demo: ['resident'] }],
      ['rc1', { demo: ['rc'] }],
      ['rc2', { demo: ['rc'] }],
      ['pm', { demo: ['pm'] }],
      ['oc', { demo: ['oc'] }],
      ['admin', { demo: ['admin'] }],
      ['stranger', { other: ['rc'] }],
    ];
    for (const [id, roles] of people) {
      await givenUser(t.identity, { id, roles });
      as.set(id, await signIn(t.app, id));
    }
    const acting = { community: 'demo', userId: 'admin' };
    await t.workflow.deployDefinition({ ...acting, kind: 'form', content: fixture('opinion-reply.form.json') });
    await t.workflow.deployDefinition({ ...acting, kind: 'bpmn', content: fixture('resident-opinion.bpmn') });
    await t.workflow.deployDefinition({ ...acting, kind: 'bpmn', content: fixture('major-decision.bpmn') });
  });
  afterAll(async () => t.close());

  it('should let only the owners\' committee start a major decision', async () => {
    // when
    const statuses = Object.fromEntries(
      await Promise.all(['oc', 'rc1', 'resident', 'admin'].map(async (user) => [user, (await post(user, '/api/instances', { processKey: 'major_decision' })).statusCode] as const)),
    );
    // then
    expect(statuses).toEqual({ oc: 201, rc1: 403, resident: 403, admin: 403 });
  });

  it('should let residents start an opinion, and staff enter one on a resident\'s behalf', async () => {
    expect((await post('resident', '/api/instances', { processKey: 'resident_opinion' })).statusCode).toBe(201);
    expect((await post('pm', '/api/instances', { processKey: 'resident_opinion', variables: { channel: 'phone' } })).statusCode).toBe(201);
  });

  it('should answer a start with the tasks it created that the starter may see', async () => {
    // when a resident and a residents' committee clerk each start an opinion (its first task is the committee's)
    const byResident = await post('resident', '/api/instances', { processKey: 'resident_opinion' });
    const byClerk = await post('rc1', '/api/instances', { processKey: 'resident_opinion', variables: { channel: 'phone' } });

    // then the clerk can go straight on with the new task; the resident is not shown the staff's task
    expect(byClerk.statusCode).toBe(201);
    const clerkCase = byClerk.json() as { id: string; createdTasks: { instanceId: string; candidateGroups: string[] }[] };
    expect(clerkCase.createdTasks).toMatchObject([{ instanceId: clerkCase.id, candidateGroups: ['rc'] }]);
    expect(byResident.statusCode).toBe(201);
    const residentCase = byResident.json() as { id: string; createdTasks: unknown[] };
    expect(residentCase.createdTasks).toEqual([]);
    expect((await t.workflow.queryTasks({ community: 'demo', instanceId: residentCase.id })).items).toHaveLength(1);
  });

  it('should let a candidate claim, refuse a non-candidate, and hide the task from people with no part in it', async () => {
    // given
    const { taskId } = await openCase();
    // when
    const byPm = await post('pm', `/api/tasks/${taskId}/claim`);
    const byAdmin = await post('admin', `/api/tasks/${taskId}/claim`);
    const byRc1 = await post('rc1', `/api/tasks/${taskId}/claim`);
    const byRc2 = await post('rc2', `/api/tasks/${taskId}/claim`);
    // then
    expect(byPm.statusCode).toBe(404);
    expect(byAdmin.statusCode).toBe(403);
    expect(byRc1.statusCode).toBe(200);
    expect(byRc2.statusCode).toBe(409);
  });

  it('should let only the assignee complete a claimed task', async () => {
    // given
    const { taskId } = await openCase();
    expect((await post('rc1', `/api/tasks/${taskId}/claim`)).statusCode).toBe(200);
    // when
    const byOther = await post('rc2', `/api/tasks/${taskId}/complete`, { variables: { result: '处理完毕' } });
    const byAssignee = await post('rc1', `/api/tasks/${taskId}/complete`, { variables: { result: '处理完毕' } });
    // then
    expect(byOther.statusCode).toBe(403);
    expect(byAssignee.statusCode).toBe(200);
  });

  it('should let a candidate complete an unassigned task, claiming it implicitly', async () => {
    const { taskId } = await openCase();
    const response = await post('rc2', `/api/tasks/${taskId}/complete`, { variables: { result: '已回复居民' } });
    expect(response.statusCode).toBe(200);
    expect((response.json() as { task: { completedBy: string } }).task.completedBy).toBe('rc2');
  });

  it('should let an admin reassign with a reason, and audit it', async () => {
    // given
    const { taskId } = await openCase();
    // when
    const byRc = await post('rc1', `/api/tasks/${taskId}/assign`, { assignee: 'rc1', reason: '我来' });
    const byAdmin = await post('admin', `/api/tasks/${taskId}/assign`, { assignee: 'rc2', reason: '王社工休假，转李社工 / Wang is on leave' });
    // then
    expect(byRc.statusCode).toBe(403);
    expect(byAdmin.statusCode).toBe(200);
    const audit = await get('admin', '/api/audit');
    expect((audit.json() as { items: unknown[] }).items).toContainEqual(
      expect.objectContaining({ action: 'task.assign', actor: 'user:admin', target: taskId, reason: '王社工休假，转李社工 / Wang is on leave', community: 'demo' }),
    );
  });

  it('should show a community admin every open task of one case, so she can reassign it, while her inbox stays her own', async () => {
    // given a case whose open task is offered to rc only (the admin holds no rc role)
    const { instanceId, taskId } = await openCase();
    // when the admin, a candidate and a neighbour list the tasks of that case, and the admin her inbox
    const ids = async (user: string, url: string) => ((await get(user, url)).json() as { items: { id: string }[] }).items.map((task) => task.id);
    const byAdmin = await ids('admin', `/api/tasks?instanceId=${instanceId}&status=open`);
    const byRc = await ids('rc1', `/api/tasks?instanceId=${instanceId}&status=open`);
    const byNeighbour = await ids('neighbour', `/api/tasks?instanceId=${instanceId}&status=open`);
    const adminInbox = await ids('admin', '/api/tasks?status=open');
    // then
    expect(byAdmin).toEqual([taskId]);
    expect(byRc).toEqual([taskId]);
    expect(byNeighbour).toEqual([]);
    expect(adminInbox).not.toContain(taskId);
  });

  it('should show a resident their own case with public replies only, and hide other people\'s cases', async () => {
    // given
    const { instanceId } = await openCase();
    expect((await post('rc1', `/api/instances/${instanceId}/comments`, { body: '内部：该户曾拖欠物业费', visibility: 'internal' })).statusCode).toBe(201);
    expect((await post('rc1', `/api/instances/${instanceId}/comments`, { body: '已安排物业上门', visibility: 'public' })).statusCode).toBe(201);
    // when
    const own = await get('resident', `/api/instances/${instanceId}/comments`);
    const neighbour = await get('neighbour', `/api/instances/${instanceId}`);
    const list = await get('neighbour', '/api/instances');
    // then
    expect(own.statusCode).toBe(200);
    expect((own.json() as { items: { body: string }[] }).items.map((c) => c.body)).toEqual(['已安排物业上门']);
    expect(neighbour.statusCode).toBe(404);
    expect((list.json() as { items: unknown[] }).items).toEqual([]);
    expect(((await get('resident', '/api/instances')).json() as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('should show a resident the outline of their case but not the variables staff work with', async () => {
    // given: staff recorded an assessment on the case
    const { instanceId } = await openCase();
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/instances/${instanceId}/variables`,
      headers: session('admin').headers,
      payload: { variables: { assessment: '该户长期投诉，优先级低' }, reason: '记录评估 / record the assessment' },
    });
    expect(edit.statusCode).toBe(200);
    // when
    const asResident = await get('resident', `/api/instances/${instanceId}`);
    const historyAsResident = await get('resident', `/api/instances/${instanceId}/history`);
    const asStaff = await get('rc1', `/api/instances/${instanceId}`);
    // then
    expect(asResident.statusCode).toBe(200);
    expect(asResident.json()).toMatchObject({ id: instanceId, status: 'active', variables: {} });
    expect(asResident.body).not.toContain('优先级低');
    expect(historyAsResident.body).not.toContain('优先级低');
    expect((historyAsResident.json() as { items: { type: string }[] }).items.map((entry) => entry.type)).toContain('variables.updated');
    expect(asStaff.body).toContain('优先级低');
  });

  it('should answer 404 for another community\'s ids and 403 when asking to act in a community one has no role in', async () => {
    // given
    const { instanceId, taskId } = await openCase();
    // when
    const instance = await get('stranger', `/api/instances/${instanceId}`);
    const task = await get('stranger', `/api/tasks/${taskId}`);
    const switched = await t.app.inject({ method: 'GET', url: `/api/tasks/${taskId}`, headers: { ...session('stranger').headers, 'x-community': 'demo' } });
    // then
    expect(instance.statusCode).toBe(404);
    expect(task.statusCode).toBe(404);
    expect(switched.statusCode).toBe(403);
  });
});
