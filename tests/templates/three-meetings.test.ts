import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/index.js';
import { closeScenarioDrivers, scenarioDrivers, type TemplateDriver } from './driver/scenario-drivers.js';
import { userOf, type TaskView } from './driver/scenario-driver.js';
import { itWalksEveryElement } from './driver/walk-every-element.js';

const topic = (topicType: string): JsonObject => ({
  topicNo: '2026-07',
  topicTitle: '小区停车位重新划线',
  topicType,
  proposer: 'oc',
  topicDescription: '东侧道路增设 12 个车位，并调整消防通道标线。',
  estimatedCost: 18000,
});
const hearingNotice = (at: string) => ({
  hearingAt: at,
  hearingPlace: '居委会二楼会议室',
  hearingInvitees: ['party-rep', 'resident-rep', 'bl-rep', 'pm'],
  hearingNotice: '请各位代表准时参加听证会，发表意见。',
});
const reached = { hearingAttendance: 23, hearingMinutes: '多数代表同意方案，建议保留儿童活动区域。', consensus: 'reached' };
const notReached = { hearingAttendance: 18, hearingMinutes: '3 号楼居民反对占用绿地，意见分歧较大。', consensus: 'not-reached', revisionRequests: '不占用 3 号楼前绿地' };
const representatives = [
  { name: '张建国', repType: 'party' },
  { name: '李秀英', repType: 'resident' },
  { name: '陈伟', repType: 'bl' },
];

/** 张建国 and 李秀英 sign in and score in person; 陈伟 has no account, so any representative may take his task. */
const representativesWithAccounts: JsonObject[] = [
  { name: '张建国', repType: 'party', account: userOf('rep') },
  { name: '李秀英', repType: 'resident', account: userOf('rep-2') },
  { name: '陈伟', repType: 'bl' },
];

afterAll(closeScenarioDrivers);

describe.each(scenarioDrivers)('three-meetings template (重大事项“三会”), $name', (factory) => {
  let driver: TemplateDriver;

  beforeEach(async () => {
    driver = await factory.create();
  });

  /** Review, announce the hearing on Wednesday 14:00, hold it, record minutes. */
  async function hearing(id: string, minutes: JsonObject, at = '2026-12-02T14:00+08:00'): Promise<void> {
    await driver.complete('party', id, 'Task_HearingNotice', hearingNotice(at));
    expect(await driver.tasks('party', id)).toEqual([]);
    await driver.advanceTo(at);
    await driver.complete('rc', id, 'Task_HearingMinutes', minutes);
  }

  async function implementAndEvaluate(id: string, scores: readonly number[]): Promise<void> {
    await driver.complete('oc', id, 'Task_Implement', { implementationReport: '已完成划线并安装标识牌，消防通道畅通。', implementedOn: '2026-12-20' });
    await driver.complete('party', id, 'Task_EvaluationSetup', {
      evaluationAt: '2026-12-28T14:00+08:00',
      evaluationPlace: '居民区党群服务站',
      representatives: representatives.slice(0, scores.length),
    });
    await driver.completeAll('rep', id, 'Task_Score', scores.map((score) => ({ score, scoreComment: '' })));
  }

  it('should let the Party organisation or the residents committee review the topic, and return it with a reason', async () => {
    // given
    const id = await driver.start('three-meetings', 'oc', topic('parking'));
    const partySees = await driver.tasks('party', id);

    // when
    await driver.complete('rc', id, 'Task_Review', { reviewDecision: 'return', reviewComment: '请先征求 3 号楼居民意见' });

    // then
    expect(partySees.map((t) => t.elementId)).toEqual(['Task_Review']);
    expect(await driver.status(id)).toBe('completed');
    expect(await driver.visits(id, 'End_Returned')).toBe(1);
    expect(await driver.notifications(id)).toEqual([expect.objectContaining({ groups: ['oc'], body: '审核意见：请先征求 3 号楼居民意见' })]);
  });

  it('should hold the hearing at the set time, skip the vote for parking, and publish the representatives’ average score', async () => {
    // given
    const id = await driver.start('three-meetings', 'oc', topic('parking'));
    await driver.complete('party', id, 'Task_Review', { reviewDecision: 'approve' });

    // when: the hearing is Wednesday 14:00; nothing to record before then
    await driver.complete('party', id, 'Task_HearingNotice', hearingNotice('2026-12-02T14:00+08:00'));
    await driver.advance('P2DT4H'); // Wednesday 13:00
    const beforeMeeting = await driver.tasks('rc', id);
    await driver.advance('PT1H');
    await driver.complete('party', id, 'Task_HearingMinutes', reached);
    await implementAndEvaluate(id, [90, 80, 70]);

    // then
    expect(beforeMeeting).toEqual([]);
    expect(await driver.visits(id, 'Call_OwnerVote')).toBe(0);
    expect(await driver.status(id)).toBe('completed');
    const variables = await driver.variables(id);
    expect(variables['voteKind']).toBe('none');
    expect(variables['evaluation']).toEqual({ average: 80, count: 3, lowest: 70, highest: 90, rating: '基本满意' });
    expect(await driver.publicReplies(id)).toEqual(['“小区停车位重新划线”评议会结果：3 位代表评议，平均 80 分，评价“基本满意”。']);
  });

  it('should give every representative a scoring task of their own', async () => {
    // given
    const id = await driver.start('three-meetings', 'oc', topic('other'));
    await driver.complete('party', id, 'Task_Review', { reviewDecision: 'approve' });
    await hearing(id, reached);
    await driver.complete('oc', id, 'Task_Implement', { implementationReport: '已完成。实施顺利，无遗留问题。', implementedOn: '2026-12-20' });

    // when
    await driver.complete('party', id, 'Task_EvaluationSetup', { evaluationAt: '2026-12-28T14:00+08:00', evaluationPlace: '党群服务站', representatives });

    // then
    const tasks = await driver.tasks('rep', id);
    expect(tasks.map((t) => t.elementId)).toEqual(['Task_Score', 'Task_Score', 'Task_Score']);
    expect(await driver.tasks('resident', id)).toEqual([]);
  });

  it('should have a representative with an account score in person, and let any representative take the one without', async () => {
    // given
    const id = await driver.start('three-meetings', 'oc', topic('other'));
    await driver.complete('party', id, 'Task_Review', { reviewDecision: 'approve' });
    await hearing(id, reached);
    await driver.complete('oc', id, 'Task_Implement', { implementationReport: '已完成。实施顺利，无遗留问题。', implementedOn: '2026-12-20' });
    await driver.complete('party', id, 'Task_EvaluationSetup', { evaluationAt: '2026-12-28T14:00+08:00', evaluationPlace: '党群服务站', representatives: representativesWithAccounts });

    // when each looks in their inbox, and 李秀英 submits 张建国's task anyway
    const repSees = await driver.tasks('rep', id);
    const colleagueSees = await driver.tasks('rep-2', id);
    const own = onlyOne(repSees.filter((t) => t.assignee === userOf('rep')));
    const colleagueOwn = onlyOne(colleagueSees.filter((t) => t.assignee === userOf('rep-2')));
    const open = onlyOne(repSees.filter((t) => t.assignee === null));
    const refused = await driver.submitTask('rep-2', own.id, { score: 10, scoreComment: '' }).then(() => null, (error: unknown) => error);
    const afterRefusal = await driver.tasks('rep', id);
    // and each scores their own; 张建国 also enters 陈伟's paper score
    await driver.submitTask('rep', own.id, { score: 90, scoreComment: '' });
    await driver.submitTask('rep-2', colleagueOwn.id, { score: 80, scoreComment: '' });
    await driver.submitTask('rep', open.id, { score: 70, scoreComment: '纸质评分，由代表代录' });

    // then
    expect(repSees).toHaveLength(2);
    expect(colleagueSees).toHaveLength(2);
    expect(colleagueSees).toEqual(expect.arrayContaining([expect.objectContaining({ id: open.id, assignee: null, candidateGroups: ['rep'] })]));
    expect(repSees.map((t) => t.id)).not.toContain(colleagueOwn.id);
    expect(colleagueSees.map((t) => t.id)).not.toContain(own.id);
    expect(String(refused)).toMatch(/403/);
    expect(afterRefusal).toEqual(expect.arrayContaining([expect.objectContaining({ id: own.id, assignee: userOf('rep') })]));
    expect(await driver.status(id)).toBe('completed');
    const variables = await driver.variables(id);
    expect((variables['scores'] as JsonObject[]).map((s) => [s['name'], s['score']])).toEqual([
      ['张建国', 90],
      ['李秀英', 80],
      ['陈伟', 70],
    ]);
    expect(variables['evaluation']).toEqual({ average: 80, count: 3, lowest: 70, highest: 90, rating: '基本满意' });
  });

  it('should send the plan back for revision and hear it again when there is no consensus', async () => {
    // given
    const id = await driver.start('three-meetings', 'oc', topic('parking'));
    await driver.complete('party', id, 'Task_Review', { reviewDecision: 'approve' });

    // when
    await hearing(id, notReached);
    await driver.complete('oc', id, 'Task_Revise', { topicDescription: '改为在西侧增设 8 个车位，不占用绿地。', estimatedCost: 12000 });
    await hearing(id, reached, '2026-12-09T14:00+08:00');

    // then
    expect(await driver.visits(id, 'Task_HearingNotice')).toBe(2);
    expect((await driver.variables(id))['hearingRound']).toBe(2);
    expect((await driver.tasks('oc', id)).map((t) => t.elementId)).toEqual(['Task_Implement']);
  });

  it('should shelve the topic after three hearings without consensus', async () => {
    // given
    const id = await driver.start('three-meetings', 'oc', topic('parking'));
    await driver.complete('party', id, 'Task_Review', { reviewDecision: 'approve' });

    // when
    for (const at of ['2026-12-02T14:00+08:00', '2026-12-09T14:00+08:00']) {
      await hearing(id, notReached, at);
      await driver.complete('oc', id, 'Task_Revise', { topicDescription: '再次修改后的方案，减少车位数量。' });
    }
    await hearing(id, notReached, '2026-12-16T14:00+08:00');

    // then
    expect(await driver.status(id)).toBe('completed');
    expect(await driver.visits(id, 'End_Shelved')).toBe(1);
    expect(await driver.notifications(id)).toEqual([expect.objectContaining({ title: '议题暂缓：小区停车位重新划线', body: '经 3 次听证仍未形成共识，议题暂缓实施。' })]);
  });

  it('should call the owners’ vote for a maintenance-fund topic and implement when it passes', async () => {
    // given
    const id = await driver.start('three-meetings', 'oc', { ...topic('maintenance-fund'), topicTitle: '使用维修资金更换水泵' });
    await driver.complete('party', id, 'Task_Review', { reviewDecision: 'approve' });
    await hearing(id, reached);

    // when: the owners' committee runs the vote in the called case
    const [voteCase] = await driver.calledCases(id);
    await driver.complete('oc', id, 'Task_Notice', { voteStart: '2026-12-03', voteEnd: '2026-12-17', voteMethod: 'paper', voteNotice: '关于使用维修资金更换水泵的表决公告。' });
    await driver.advanceTo('2026-12-17T18:00:00+08:00');
    await driver.complete('oc', id, 'Task_Count', { totalArea: 48000, totalOwners: 600, votedArea: 36000, votedOwners: 450, approveArea: 30000, approveOwners: 380 });

    // then
    expect(voteCase).toBeDefined();
    expect((await driver.variables(voteCase as string))['voteRules']).toEqual({ participation: 2 / 3, approval: 0.75, strict: false });
    expect((await driver.variables(id))['voteResult']).toMatchObject({ passed: true });
    expect((await driver.tasks('oc', id)).map((t) => t.elementId)).toEqual(['Task_Implement']);
  });

  it('should stop and tell residents when the owners’ vote fails', async () => {
    // given
    const id = await driver.start('three-meetings', 'oc', { ...topic('renovation'), topicTitle: '改建非机动车棚' });
    await driver.complete('party', id, 'Task_Review', { reviewDecision: 'approve' });
    await hearing(id, reached);

    // when
    await driver.complete('oc', id, 'Task_Notice', { voteStart: '2026-12-03', voteEnd: '2026-12-17', voteMethod: 'online', voteNotice: '关于改建非机动车棚的表决公告。' });
    await driver.advanceTo('2026-12-17T18:00:00+08:00');
    await driver.complete('oc', id, 'Task_Count', { totalArea: 48000, totalOwners: 600, votedArea: 30000, votedOwners: 380, approveArea: 29000, approveOwners: 370 });

    // then
    expect(await driver.status(id)).toBe('completed');
    expect(await driver.publicReplies(id)).toEqual(['“改建非机动车棚”业主表决未通过：参与表决的面积或人数不足，不予实施。']);
    expect(await driver.visits(id, 'Task_Implement')).toBe(0);
  });

  it('should convene a coordination meeting when a dispute is raised during implementation, without stopping it', async () => {
    // given
    const id = await driver.start('three-meetings', 'oc', topic('parking'));
    await driver.complete('party', id, 'Task_Review', { reviewDecision: 'approve' });
    await hearing(id, reached);

    // when
    await driver.publish('three-meetings-dispute', '2026-07', { disputeDescription: '施工噪音影响 5 号楼老人休息' });
    const partyTasks = await driver.tasks('party', id);
    await driver.complete('party', id, 'Task_Coordination', {
      coordinationAt: '2026-12-10T19:00+08:00',
      coordinationPlace: '5 号楼楼道',
      coordinationMinutes: '物业、施工方、5 号楼居民代表到场协商。',
      coordinationResolution: '施工时间调整为 9:00–17:00，午间停工。',
    });

    // then
    expect(partyTasks.map((t) => t.elementId)).toEqual(['Task_Coordination']);
    expect((await driver.tasks('oc', id)).map((t) => t.elementId)).toEqual(['Task_Implement']);
    expect(await driver.notifications(id)).toEqual([expect.objectContaining({ groups: ['oc', 'pm', 'rc'], body: '施工时间调整为 9:00–17:00，午间停工。' })]);
    await implementAndEvaluate(id, [95, 88]);
    expect((await driver.variables(id))['evaluation']).toMatchObject({ average: 91.5, rating: '满意' });
  });
});

function onlyOne(tasks: readonly TaskView[]): TaskView {
  if (tasks.length !== 1) throw new Error(`expected one task, found ${tasks.length}`);
  return tasks[0] as TaskView;
}

itWalksEveryElement('three-meetings');
