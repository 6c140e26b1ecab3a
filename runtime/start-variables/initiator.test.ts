import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/state/json.js';
import { buildIdentityTestApp, type IdentityTestApp } from '../identity/testing/identity-test-app.js';
import { givenCommunity, givenUser, signIn, type BrowserSession } from '../identity/testing/identity-fixtures.js';
import { publicIntakeUser } from '../identity/routes/public-intake-routes.js';
import { fixture as serviceFixture } from '../services/test-service.js';
import { NOT_A_PERSON } from './initiator-variable.js';

const community = 'initiator-demo';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const refusedNaming = (field: string) => ({ code: 'WF_VALIDATION', details: { problems: [expect.objectContaining({ field })] } });

describe('initiator: the signed-in person who started the case', () => {
  let t: IdentityTestApp;
  let first: BrowserSession;
  let second: BrowserSession;

  beforeAll(async () => {
    t = await buildIdentityTestApp();
    await givenCommunity(t.identity, community);
    await givenUser(t.identity, { id: 'i-admin', roles: { [community]: ['admin'] } });
    await givenUser(t.identity, { id: 'i-rc-wang', roles: { [community]: ['rc'] } });
    await givenUser(t.identity, { id: 'i-rc-li', roles: { [community]: ['rc'] } });
    first = await signIn(t.app, 'i-rc-wang');
    second = await signIn(t.app, 'i-rc-li');
    for (const content of [fixture('initiator-reader.bpmn'), fixture('initiator-caller.bpmn'), serviceFixture('repair-request.bpmn')]) {
      await t.workflow.deployDefinition({ community, userId: 'i-admin', kind: 'bpmn', content });
    }
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  async function start(session: BrowserSession, variables: JsonObject = {}) {
    return t.app.inject({ method: 'POST', url: '/api/instances', headers: { ...session.headers, 'x-community': community }, payload: { processKey: 'initiator_reader', variables } });
  }

  async function checkTask(instanceId: string) {
    const [task] = (await t.workflow.queryTasks({ community, instanceId, elementId: 'Task_Check' })).items;
    if (task === undefined) throw new Error(`no open Task_Check in ${instanceId}`);
    return task;
  }

  async function variablesOf(instanceId: string): Promise<JsonObject> {
    return (await t.workflow.getInstance({ community, id: instanceId })).variables;
  }

  it('should give a case the user id of the person who started it, and address the task reading it to that person', async () => {
    // when
    const response = await start(first, { note: '三号楼消防通道堵塞' });

    // then
    expect(response.statusCode, response.body).toBe(201);
    const id = (response.json() as { id: string }).id;
    expect(await variablesOf(id)).toEqual({ note: '三号楼消防通道堵塞', initiator: 'i-rc-wang' });
    expect(await checkTask(id)).toMatchObject({ assignee: 'i-rc-wang', candidateGroups: ['rc'] });
  });

  it('should refuse a start that gives its own initiator with 422 naming it, starting nothing', async () => {
    // given
    const count = async () => (await t.workflow.listInstances({ community, processKey: 'initiator_reader' })).items.length;
    const before = await count();

    // when
    const response = await start(second, { initiator: 'i-rc-wang' });

    // then
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject(refusedNaming('initiator'));
    expect((response.json() as { message: string }).message).toMatch(/^发起时不能填写变量 initiator \/ initiator cannot be given at start$/);
    expect(await count()).toBe(before);
  });

  it('should refuse initiator sent with a task completion, a message, a signal or a job completion, keeping the case’s own', async () => {
    // given
    const started = await start(first);
    const id = (started.json() as { id: string }).id;
    const task = await checkTask(id);

    // when
    const viaRoute = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${task.id}/complete`,
      headers: { ...first.headers, 'x-community': community },
      payload: { variables: { initiator: 'i-rc-li' } },
    });
    const attempts = [
      t.workflow.completeTask({ community, userId: 'i-rc-wang', taskId: task.id, variables: { initiator: 'i-rc-li' } }),
      t.workflow.publishMessage({ community, userId: 'i-admin', name: 'anything', correlationKey: id, variables: { initiator: 'i-rc-li' } }),
      t.workflow.broadcastSignal({ community, userId: 'i-admin', name: 'anything', variables: { initiator: 'i-rc-li' } }),
      t.workflow.completeJob({ community, jobKey: 'no-such-job', variables: { initiator: 'i-rc-li' } }),
    ];
    const refused = await Promise.all(attempts.map((attempt) => (attempt as Promise<unknown>).catch((error: unknown) => error)));

    // then
    expect(viaRoute.statusCode).toBe(422);
    expect(viaRoute.json()).toMatchObject(refusedNaming('initiator'));
    for (const error of refused) expect(error).toMatchObject({ status: 422, ...refusedNaming('initiator') });
    expect((await variablesOf(id))['initiator']).toBe('i-rc-wang');
    expect(await checkTask(id)).toMatchObject({ id: task.id, assignee: 'i-rc-wang' });
  });

  it('should let another person of the role complete the reporter’s task only once the admin reassigns it', async () => {
    // given
    const id = ((await start(first)).json() as { id: string }).id;
    const task = await checkTask(id);
    const asSecond = (url: string) => t.app.inject({ method: 'POST', url, headers: { ...second.headers, 'x-community': community }, payload: {} });

    // when
    const claimed = await asSecond(`/api/tasks/${task.id}/claim`);
    const completed = await asSecond(`/api/tasks/${task.id}/complete`);
    await t.workflow.assignTask({ community, userId: 'i-admin', taskId: task.id, assignee: 'i-rc-li', reason: '王老师调离本居民区 / moved away' });
    const afterReassign = await asSecond(`/api/tasks/${task.id}/complete`);

    // then
    expect(claimed.statusCode).toBe(409);
    expect(completed.statusCode).toBe(403);
    expect(afterReassign.statusCode, afterReassign.body).toBe(200);
    expect((await t.workflow.getInstance({ community, id })).status).toBe('completed');
  });

  it('should set initiator to null for an anonymous public intake and a message start, and leave a case without it when its diagram never mentions it', async () => {
    // when a resident without an account submits on the public page
    const challenge = (await t.app.inject({ method: 'GET', url: '/api/public/challenge' })).json() as { challengeId: string; question: string };
    const [, a, b] = /What is (\d+) plus (\d+)/.exec(challenge.question) ?? [];
    const intake = await t.app.inject({
      method: 'POST',
      url: `/api/public/communities/${community}/intake`,
      payload: { processKey: 'initiator_reader', variables: { note: '路灯不亮' }, challengeId: challenge.challengeId, answer: String(Number(a) + Number(b)) },
    });
    // and an integration's message starts another, and a person starts a process that never reads initiator
    const plain = await t.workflow.startInstance({ community, userId: 'i-rc-wang', processKey: 'repair_request', variables: { building: 3 } });
    const published = await t.workflow.publishMessage({ community, userId: 'i-admin', name: 'initiator-report', correlationKey: 'r-1', variables: { note: '井盖缺失' } });

    // then
    expect(intake.statusCode, intake.body).toBe(201);
    const anonymous = (await t.workflow.listInstances({ community, processKey: 'initiator_reader', startedBy: publicIntakeUser })).items;
    expect(anonymous).toHaveLength(1);
    expect(await variablesOf(anonymous[0]!.id)).toMatchObject({ note: '路灯不亮', initiator: null });
    expect(await variablesOf(published.startedInstanceIds[0]!)).toMatchObject({ note: '井盖缺失', initiator: null });
    for (const id of [anonymous[0]!.id, published.startedInstanceIds[0]!]) expect(await checkTask(id)).toMatchObject({ assignee: null, candidateGroups: ['rc'] });
    expect(Object.keys(plain.variables)).toEqual(['building']);
    expect(NOT_A_PERSON).toContain(publicIntakeUser);
  });

  it('should give a called case the initiator its parent passed, and null when the parent passes none', async () => {
    // when
    const parent = await t.workflow.startInstance({ community, userId: 'i-rc-li', processKey: 'initiator_caller' });

    // then
    const calledBy = (elementId: string) => parent.activeElements.find((element) => element.elementId === elementId)?.calledInstanceId ?? '';
    const [mapped, unmapped] = [calledBy('Call_Mapped'), calledBy('Call_Unmapped')];
    expect(parent.variables).toEqual({ initiator: 'i-rc-li' });
    expect(await variablesOf(mapped)).toEqual({ initiator: 'i-rc-li' });
    expect(await variablesOf(unmapped)).toEqual({ initiator: null });
    expect(await checkTask(mapped)).toMatchObject({ assignee: 'i-rc-li' });
    expect(await checkTask(unmapped)).toMatchObject({ assignee: null });
  });
});
