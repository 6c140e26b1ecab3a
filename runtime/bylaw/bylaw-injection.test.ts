import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/state/json.js';
import { buildIdentityTestApp, type IdentityTestApp } from '../identity/testing/identity-test-app.js';
import { givenCommunity, givenUser, signIn, type BrowserSession } from '../identity/testing/identity-fixtures.js';
import { fixture as serviceFixture } from '../services/test-service.js';

const DAY = 86_400_000;
const community = 'demo';
const definitions = new URL('../../definitions/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** 600 owners, 48,000 m²; 2/3 take part and exactly 3/4 of them agree, by area and by head. */
const threeQuarters = { totalArea: 48000, totalOwners: 600, votedArea: 32000, votedOwners: 400, approveArea: 24000, approveOwners: 300 };

describe('bylaw settings in new cases', () => {
  let t: IdentityTestApp;
  let admin: BrowserSession;
  let owners: BrowserSession;

  beforeAll(async () => {
    t = await buildIdentityTestApp();
    await givenCommunity(t.identity, community);
    await givenUser(t.identity, { id: 'v-admin', roles: { [community]: ['admin'] } });
    await givenUser(t.identity, { id: 'v-oc', roles: { [community]: ['oc'] } });
    admin = await signIn(t.app, 'v-admin');
    owners = await signIn(t.app, 'v-oc');
    for (const name of readdirSync(new URL('forms/', definitions)).filter((n) => n.startsWith('owner-vote'))) {
      await t.workflow.deployDefinition({ community, userId: 'v-admin', kind: 'form', content: readFileSync(new URL(`forms/${name}`, definitions), 'utf8') });
    }
    for (const content of [readFileSync(new URL('templates/owner-vote.bpmn', definitions), 'utf8'), fixture('bylaw-reader.bpmn'), fixture('bylaw-caller.bpmn'), serviceFixture('repair-request.bpmn')]) {
      await t.workflow.deployDefinition({ community, userId: 'v-admin', kind: 'bpmn', content });
    }
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  async function setBylaw(settings: JsonObject): Promise<void> {
    const response = await t.app.inject({ method: 'PUT', url: '/api/bylaw', headers: admin.headers, payload: { settings, reason: '业主大会修订规约 / bylaw amended' } });
    expect(response.statusCode, response.body).toBe(200);
  }

  async function startVote(): Promise<string> {
    const response = await t.app.inject({ method: 'POST', url: '/api/instances', headers: owners.headers, payload: { processKey: 'owner-vote', variables: { voteTopic: '使用维修资金更换电梯', voteKind: 'special' } } });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { id: string }).id;
  }

  async function complete(instanceId: string, elementId: string, variables: JsonObject): Promise<void> {
    const [task] = (await t.workflow.queryTasks({ community, instanceId, elementId })).items;
    if (task === undefined) throw new Error(`no open ${elementId} in ${instanceId}`);
    await t.workflow.completeTask({ community, userId: 'v-oc', taskId: task.id, variables });
  }

  async function variablesOf(instanceId: string): Promise<JsonObject> {
    return (await t.workflow.getInstance({ community, id: instanceId })).variables;
  }

  it('should count a special-matter vote against the community’s ratio: 3/4 passes by law, fails under a bylaw asking 0.8, for cases started after the change', async () => {
    // given a vote started under the legal defaults
    const before = await startVote();
    // when the owners raise the special-matter ratio to 0.8 and a second vote starts
    await setBylaw({ specialApprovalRatio: 0.8 });
    const after = await startVote();
    // and both votes are counted with the same 3/4 consent after their voting period
    for (const id of [before, after]) await complete(id, 'Task_Notice', { voteStart: '2026-03-03', voteEnd: '2026-03-10', voteMethod: 'both', voteNotice: '表决公告' });
    t.harness.clock.advance(9 * DAY);
    while ((await t.workflow.executor!.runOnce()) > 0);
    // (nine days on, the sessions have expired: sign in again)
    admin = await signIn(t.app, 'v-admin');
    owners = await signIn(t.app, 'v-oc');
    for (const id of [before, after]) await complete(id, 'Task_Count', threeQuarters);

    // then the first keeps the settings it started with and passes; the second fails
    const [first, second] = [await variablesOf(before), await variablesOf(after)];
    expect(first['bylaw']).toMatchObject({ specialApprovalRatio: 0.75, participationRatio: 2 / 3 });
    expect(first['voteResult']).toMatchObject({ passed: true, approvalOk: true });
    expect(second['bylaw']).toMatchObject({ specialApprovalRatio: 0.8, participationRatio: 2 / 3, fundHearingThreshold: 5000 });
    expect(second['voteResult']).toMatchObject({ passed: false, approvalOk: false });
  });

  it('should refuse a start that brings its own bylaw with 422 naming it', async () => {
    // given
    const count = async () => (await t.workflow.listInstances({ community, processKey: 'owner-vote' })).items.length;
    const casesBefore = await count();
    // when
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/instances',
      headers: owners.headers,
      payload: { processKey: 'owner-vote', variables: { voteTopic: '自定门槛', voteKind: 'special', bylaw: { specialApprovalRatio: 0.5 } } },
    });

    // then
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'WF_VALIDATION', details: { problems: [expect.objectContaining({ field: 'bylaw' })] } });
    expect(await count()).toBe(casesBefore);
  });

  it('should refuse bylaw among the variables sent to a running case, keeping the settings it started with', async () => {
    // given a running vote
    const id = await startVote();
    const [task] = (await t.workflow.queryTasks({ community, instanceId: id, elementId: 'Task_Notice' })).items;

    // when its task is completed, and a message is sent, each bringing a bylaw of its own
    const notice = { voteStart: '2026-03-03', voteEnd: '2026-03-10', voteMethod: 'both', voteNotice: '表决公告' };
    const viaTask = await t.workflow.completeTask({ community, userId: 'v-oc', taskId: task!.id, variables: { ...notice, bylaw: { specialApprovalRatio: 0.5 } } }).catch((error: unknown) => error);
    const viaMessage = await t.workflow.publishMessage({ community, userId: 'v-admin', name: 'anything', correlationKey: id, variables: { bylaw: { specialApprovalRatio: 0.5 } } }).catch((error: unknown) => error);

    // then both are refused naming bylaw, and the case still has the settings it started with
    for (const refused of [viaTask, viaMessage]) expect(refused).toMatchObject({ status: 422, code: 'WF_VALIDATION', details: { problems: [expect.objectContaining({ field: 'bylaw' })] } });
    expect((await variablesOf(id))['bylaw']).not.toMatchObject({ specialApprovalRatio: 0.5 });
    expect((await t.workflow.queryTasks({ community, instanceId: id, elementId: 'Task_Notice' })).items).toHaveLength(1);
  });

  it('should add no bylaw variable to a process whose diagram never mentions it', async () => {
    // when
    const started = await t.workflow.startInstance({ community, userId: 'v-oc', processKey: 'repair_request', variables: { building: 3 } });

    // then
    expect(Object.keys(started.variables)).toEqual(['building']);
  });

  it('should give a called case the bylaw its parent passed, or the community’s current one when the parent passes none', async () => {
    // given a parent started under a ratio of 0.85
    await setBylaw({ specialApprovalRatio: 0.85 });
    const parent = await t.workflow.startInstance({ community, userId: 'v-oc', processKey: 'bylaw_caller' });
    // when the bylaw changes to 0.9 before the parent calls its two children
    await setBylaw({ specialApprovalRatio: 0.9 });
    await complete(parent.id, 'Task_Wait', {});

    // then the child given the parent's bylaw sees 0.85, the other the community's 0.9
    const looks = (await t.workflow.queryTasks({ community, processKey: 'bylaw_reader' })).items;
    expect(looks).toHaveLength(2);
    const seen = await Promise.all(looks.map(async (task) => (await t.workflow.getTask({ community, taskId: task.id })).variables['seenRatio']));
    expect(seen.sort()).toEqual([0.85, 0.9]);
    expect((await variablesOf(parent.id))['bylaw']).toMatchObject({ specialApprovalRatio: 0.85 });
  });

  it('should give cases started by a message or a timer the community’s bylaw, and refuse a message that brings its own', async () => {
    // given
    await setBylaw({ proposalSupportMin: 12, propertyPassScore: 65 });
    await t.workflow.deployDefinition({ community, userId: 'v-admin', kind: 'bpmn', content: fixture('bylaw-event-starts.bpmn') });

    // when a petition arrives as a message, and an hour later the yearly timer fires
    const published = await t.workflow.publishMessage({ community, userId: 'v-admin', name: 'bylaw-petition', correlationKey: 'p-1', variables: { supporters: 15 } });
    const refused = await t.workflow.publishMessage({ community, userId: 'v-admin', name: 'bylaw-petition', correlationKey: 'p-2', variables: { bylaw: { proposalSupportMin: 1 } } }).catch((error: unknown) => error);
    t.harness.clock.advance(3_600_000);
    while ((await t.workflow.executor!.runOnce()) > 0);

    // then
    expect(published.startedInstanceIds).toHaveLength(1);
    const [review] = (await t.workflow.queryTasks({ community, processKey: 'bylaw_on_message' })).items;
    expect((await t.workflow.getTask({ community, taskId: review!.id })).variables).toMatchObject({ neededSupport: 12, supporters: 15 });
    expect(refused).toMatchObject({ status: 422, code: 'WF_VALIDATION', details: { problems: [expect.objectContaining({ field: 'bylaw' })] } });
    expect((await t.workflow.queryTasks({ community, processKey: 'bylaw_on_message' })).items).toHaveLength(1);
    const [score] = (await t.workflow.queryTasks({ community, processKey: 'bylaw_on_timer' })).items;
    expect((await t.workflow.getTask({ community, taskId: score!.id })).variables).toMatchObject({ passScore: 65 });
  });
});
