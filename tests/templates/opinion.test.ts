import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { closeScenarioDrivers, scenarioDrivers, type TemplateDriver } from './driver/scenario-drivers.js';
import { itWalksEveryElement } from './driver/walk-every-element.js';

const intake = { channel: 'box', building: 7, subject: 'greening', content: '7 号楼前的香樟树枝遮挡二楼窗户，请修剪。', consentPublic: true };
const handled = { handleResult: '物业已安排园林工人周四修剪。', adoption: 'adopted' };

afterAll(closeScenarioDrivers);

describe.each(scenarioDrivers)('opinion template (意见征集与反馈), $name', (factory) => {
  let driver: TemplateDriver;

  beforeEach(async () => {
    driver = await factory.create();
  });

  async function classify(id: string): Promise<void> {
    await driver.complete('rc', id, 'Task_Classify', { opinionType: 'request', handlerGroup: 'pm' });
  }
  async function publishAndRevisit(id: string, satisfaction: string): Promise<void> {
    await driver.complete('rc', id, 'Task_Review', { reviewDecision: 'publish', replyText: '已修剪 7 号楼前香樟树，感谢您的意见。' });
    await driver.complete('vol', id, 'Task_Revisit', { satisfaction });
  }

  it('should take an anonymous suggestion-box opinion and ask the residents committee to classify it within a working day', async () => {
    // when
    const id = await driver.start('opinion', 'rc', intake);

    // then
    expect(await driver.tasks('rc', id)).toEqual([expect.objectContaining({ elementId: 'Task_Classify', dueDate: '2026-12-01T09:00:00+08:00' })]);
  });

  it('should dispatch to the property company, publish the reviewed reply and close when the resident is satisfied', async () => {
    // given
    const id = await driver.start('opinion', 'rc', intake);
    await classify(id);

    // when
    const pmTasks = await driver.tasks('pm', id);
    await driver.complete('pm', id, 'Task_Handle', handled);
    await publishAndRevisit(id, 'satisfied');

    // then
    expect(pmTasks).toEqual([expect.objectContaining({ elementId: 'Task_Handle', dueDate: '2026-12-07T09:00:00+08:00' })]);
    expect(await driver.publicReplies(id)).toEqual(['已修剪 7 号楼前香樟树，感谢您的意见。']);
    expect(await driver.status(id)).toBe('completed');
    expect((await driver.variables(id))['statistics']).toEqual({ channel: 'box', opinionType: 'request', threeMeetings: false, satisfied: true, reopenCount: 0 });
  });

  it('should send a weak answer back to the handler before anything is published', async () => {
    // given
    const id = await driver.start('opinion', 'rc', intake);
    await classify(id);
    await driver.complete('pm', id, 'Task_Handle', { handleResult: '已知悉，会安排。', adoption: 'explained' });

    // when
    await driver.complete('rc', id, 'Task_Review', { reviewDecision: 'rework', reviewComment: '请写明修剪时间' });

    // then
    expect(await driver.publicReplies(id)).toEqual([]);
    expect((await driver.tasks('pm', id)).map((t) => t.elementId)).toEqual(['Task_Handle']);
    expect(await driver.visits(id, 'Task_Handle')).toBe(2);
  });

  it('should remind the residents committee after three working days without an answer', async () => {
    // given
    const id = await driver.start('opinion', 'rc', intake);
    await classify(id);

    // when: Monday → Thursday 09:00
    await driver.advance('P2DT23H');
    const early = await driver.notifications(id);
    await driver.advance('PT1H');

    // then
    expect(early).toEqual([]);
    expect(await driver.notifications(id)).toEqual([expect.objectContaining({ groups: ['rc'], title: '意见办理提醒' })]);
    expect((await driver.tasks('pm', id)).map((t) => t.elementId)).toEqual(['Task_Handle']);
  });

  it('should reopen handling for an unsatisfied resident at most twice', async () => {
    // given
    const id = await driver.start('opinion', 'rc', intake);
    await classify(id);

    // when
    for (let round = 0; round < 3; round++) {
      await driver.complete('pm', id, 'Task_Handle', handled);
      await publishAndRevisit(id, 'unsatisfied');
    }

    // then
    expect(await driver.visits(id, 'Task_Handle')).toBe(3);
    expect(await driver.status(id)).toBe('completed');
    expect((await driver.variables(id))['statistics']).toMatchObject({ satisfied: false, reopenCount: 2 });
  });

  it('should hand a major matter to the three meetings and reply with their outcome', async () => {
    // given
    const id = await driver.start('opinion', 'rc', { ...intake, subject: 'parking', content: '建议把 7 号楼前绿地改为停车位。' });

    // when
    await driver.complete('rc', id, 'Task_Classify', { opinionType: 'suggestion', handlerGroup: 'oc', needsThreeMeetings: true, topicNo: '2026-09', topicTitle: '绿地改停车位', topicType: 'parking' });
    const partySees = (await driver.tasks('party', id)).map((t) => t.elementId);
    await driver.complete('party', id, 'Task_Review', { reviewDecision: 'return', reviewComment: '涉及绿地性质变更，不宜列入议题' });

    // then
    expect(partySees).toEqual(['Task_Review']);
    expect(await driver.tasks('pm', id)).toEqual([]);
    expect((await driver.tasks('rc', id)).map((t) => t.elementId)).toEqual(['Task_Review']);
    expect((await driver.variables(id))['handleResult']).toBe('议题经审核未列入“三会”：涉及绿地性质变更，不宜列入议题');
    await publishAndRevisit(id, 'basic');
    expect((await driver.variables(id))['statistics']).toMatchObject({ threeMeetings: true, satisfied: true });
  });

  it('should report the evaluation of three meetings that were held as the handling of the opinion', async () => {
    // given: a parking topic needs no owners' vote
    const id = await driver.start('opinion', 'rc', { ...intake, subject: 'parking', content: '建议在东侧道路增设夜间临时停车位。' });
    await driver.complete('rc', id, 'Task_Classify', { opinionType: 'suggestion', handlerGroup: 'oc', needsThreeMeetings: true, topicNo: '2026-10', topicTitle: '东侧道路夜间停车', topicType: 'parking' });
    await driver.complete('party', id, 'Task_Review', { reviewDecision: 'approve' });

    // when: hearing, implementation and evaluation in the called case
    await driver.complete('party', id, 'Task_HearingNotice', { hearingAt: '2026-12-02T14:00+08:00', hearingPlace: '居委会二楼会议室', hearingInvitees: ['resident-rep', 'pm'], hearingNotice: '请各位代表准时参加听证会，发表意见。' });
    await driver.advanceTo('2026-12-02T14:00+08:00');
    await driver.complete('party', id, 'Task_HearingMinutes', { hearingAttendance: 20, hearingMinutes: '代表同意夜间 20 点至次日 7 点临时停车。', consensus: 'reached' });
    await driver.complete('oc', id, 'Task_Implement', { implementationReport: '已划夜间临时停车位 8 个并公示管理办法。', implementedOn: '2026-12-10' });
    await driver.complete('party', id, 'Task_EvaluationSetup', { evaluationAt: '2026-12-18T14:00+08:00', evaluationPlace: '党群服务站', representatives: [{ name: '张建国', repType: 'party' }, { name: '李秀英', repType: 'resident' }] });
    await driver.completeAll('rep', id, 'Task_Score', [{ score: 90 }, { score: 85 }]);

    // then: back with the residents committee, which reviews the outcome before replying
    expect((await driver.tasks('rc', id)).map((t) => t.elementId)).toEqual(['Task_Review']);
    expect((await driver.variables(id))['handleResult']).toBe('已按“三会”程序听证、实施并评议，评议会平均 87.5 分（满意）');
    expect((await driver.variables(id))['threeMeetingsEvaluation']).toMatchObject({ count: 2, average: 87.5 });
  });
});

itWalksEveryElement('opinion');
