import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/index.js';
import { closeScenarioDrivers, scenarioDrivers, type TemplateDriver } from './driver/scenario-drivers.js';
import { itWalksEveryElement } from './driver/walk-every-element.js';

const application = (amounts: readonly number[]): JsonObject => ({
  projectName: '楼道微更新：12 号楼共享客厅',
  topic: 'stairwell',
  leaderName: '吴阿姨',
  leaderRole: 'oc',
  phone: '13788889999',
  teamSize: 8,
  objectives: '清理 12 号楼一楼堆物，改造为居民共享客厅，设置图书角和休息座椅，由楼组志愿者轮值管理。',
  budget: amounts.map((amount, index) => ({ item: `支出 ${index + 1}`, amount })),
  stages: [
    { name: '清理与设计', plannedEnd: '2026-12-31' },
    { name: '布置与开放', plannedEnd: '2027-02-26' },
  ],
});
const approve = { reviewDecision: 'approve', projectNo: 'ZZ-2026-08' };

afterAll(closeScenarioDrivers);

describe.each(scenarioDrivers)('self-governance-fund template (自治金项目), $name', (factory) => {
  let driver: TemplateDriver;

  beforeEach(async () => {
    driver = await factory.create();
  });

  async function streetApproves(id: string, approvedAmount: number): Promise<void> {
    await driver.complete('street', id, 'Task_StreetApproval', { approval: 'approve', approvedAmount, approvalComment: '同意' });
  }

  async function executeAndClose(id: string, spent: readonly number[]): Promise<void> {
    await driver.complete('oc', id, 'Task_StageReport', { stageProgress: '清理完成，设计方案经楼组议事会通过。', stageSpent: spent[0] ?? 0 });
    await driver.complete('oc', id, 'Task_StageReport', { stageProgress: '共享客厅布置完成并开放。', stageSpent: spent[1] ?? 0 });
    await driver.complete('rc', id, 'Task_Acceptance', { accepted: 'yes', acceptanceNote: '达到预期，居民反响好。' });
    await driver.complete('oc', id, 'Task_Accounts', { expenses: spent.map((amount, index) => ({ item: `支出 ${index + 1}`, amount, invoiceNo: `FP${index + 1}` })) });
  }

  it('should compute the budget total on the server and skip the hearing for a small project', async () => {
    // given
    const id = await driver.start('self-governance-fund', 'oc', application([1800, 3000]));

    // when
    await driver.complete('rc', id, 'Task_Review', approve);

    // then
    expect((await driver.variables(id))['budgetTotal']).toBe(4800);
    expect((await driver.tasks('street', id)).map((t) => t.elementId)).toEqual(['Task_StreetApproval']);
    expect(await driver.visits(id, 'Task_Hearing')).toBe(0);
  });

  it('should run a funded project through notice, stage reports, acceptance and public final accounts', async () => {
    // given
    const id = await driver.start('self-governance-fund', 'oc', application([1800, 3000]));
    await driver.complete('rc', id, 'Task_Review', approve);
    await streetApproves(id, 4500);

    // when: five working days of public notice
    await driver.advance('P6DT23H');
    const duringNotice = await driver.tasks('oc', id);
    await driver.advance('PT1H');
    const stageTask = (await driver.tasks('oc', id))[0];
    await executeAndClose(id, [1500, 2700]);

    // then
    expect(duringNotice).toEqual([]);
    expect(stageTask).toMatchObject({ elementId: 'Task_StageReport', dueDate: '2026-12-31T18:00:00+08:00' });
    expect((await driver.variables(id))['accounts']).toEqual({ approved: 4500, spent: 4200, balance: 300, overBudget: false });
    expect(await driver.publicReplies(id)).toEqual([
      '自治金项目 ZZ-2026-08“楼道微更新：12 号楼共享客厅”拟资助 4500 元，公示 5 个工作日。如有异议请向居委会反映。',
      '自治金项目 ZZ-2026-08“楼道微更新：12 号楼共享客厅”已验收。资助 4500 元，实际支出 4200 元，结余 300 元。',
    ]);
    expect(await driver.status(id)).toBe('completed');
  });

  it('should hold a hearing over the threshold and send the application back for revision when the hearing asks', async () => {
    // given
    const id = await driver.start('self-governance-fund', 'oc', application([5000, 3000]));
    await driver.complete('rc', id, 'Task_Review', approve);

    // when
    await driver.complete('party', id, 'Task_Hearing', { hearingOn: '2026-12-08', hearingAttendance: 31, hearingMinutes: '居民希望减少家具采购，增加绿植。', hearingResult: 'revise' });
    const { objectives, budget, stages } = application([3000, 1500]);
    await driver.complete('oc', id, 'Task_Revise', { objectives: `${String(objectives)}减少家具，增加绿植。`, budget: budget ?? [], stages: stages ?? [] });

    // then: back to the residents committee with the smaller budget, now under the threshold
    expect((await driver.variables(id))['budgetTotal']).toBe(4500);
    await driver.complete('rc', id, 'Task_Review', approve);
    expect((await driver.tasks('street', id)).map((t) => t.elementId)).toEqual(['Task_StreetApproval']);
    expect(await driver.visits(id, 'Task_Hearing')).toBe(1);
  });

  it('should send an application back from the first review, then pass it to the sub-district once the hearing agrees', async () => {
    // given
    const id = await driver.start('self-governance-fund', 'oc', application([5000, 3000]));
    await driver.complete('rc', id, 'Task_Review', { reviewDecision: 'revise', reviewComment: '请写明共享客厅的开放时间和管理人。' });
    const ocSees = (await driver.tasks('oc', id)).map((t) => t.elementId);
    const { objectives, budget, stages } = application([5000, 3000]);
    await driver.complete('oc', id, 'Task_Revise', { objectives: `${String(objectives)}每天 8:00–20:00 开放，由楼组长管理钥匙。`, budget: budget ?? [], stages: stages ?? [] });
    await driver.complete('rc', id, 'Task_Review', approve);

    // when
    await driver.complete('party', id, 'Task_Hearing', { hearingOn: '2026-12-09', hearingAttendance: 26, hearingMinutes: '到会居民代表一致同意申报。', hearingResult: 'agree' });

    // then
    expect(ocSees).toEqual(['Task_Revise']);
    expect(await driver.visits(id, 'Task_Review')).toBe(2);
    expect((await driver.tasks('street', id)).map((t) => t.elementId)).toEqual(['Task_StreetApproval']);
    expect((await driver.variables(id))['hearingResult']).toBe('agree');
  });

  it('should take the hearing threshold from the community bylaw', async () => {
    // given
    const id = await driver.start('self-governance-fund', 'oc', application([1800, 3000]), { bylaw: { fundHearingThreshold: 3000 } });

    // when
    await driver.complete('rc', id, 'Task_Review', approve);

    // then
    expect((await driver.tasks('party', id)).map((t) => t.elementId)).toEqual(['Task_Hearing']);
  });

  it('should let the residents committee turn an application down at the first review, telling the applicant why', async () => {
    // given
    const id = await driver.start('self-governance-fund', 'oc', application([1800, 3000]));

    // when
    await driver.complete('rc', id, 'Task_Review', { reviewDecision: 'reject', reviewComment: '与本年度十大议题不符，建议改报楼组微更新。' });

    // then
    expect(await driver.publicReplies(id)).toEqual(['自治金申请“楼道微更新：12 号楼共享客厅”未获通过：与本年度十大议题不符，建议改报楼组微更新。']);
    expect(await driver.tasks('street', id)).toEqual([]);
    expect(await driver.tasks('oc', id)).toEqual([]);
    expect(await driver.status(id)).toBe('completed');
  });

  it('should let the sub-district send it back or refuse it, telling the applicant why', async () => {
    // given
    const id = await driver.start('self-governance-fund', 'oc', application([1800, 3000]));
    await driver.complete('rc', id, 'Task_Review', approve);

    // when
    await driver.complete('street', id, 'Task_StreetApproval', { approval: 'revise', approvalComment: '请补充后续管理办法' });
    const ocSees = (await driver.tasks('oc', id)).map((t) => t.elementId);
    await driver.complete('oc', id, 'Task_Revise', { objectives: '增加后续管理：楼组志愿者轮值，每月一次议事会。清理堆物后设置共享客厅。', budget: [{ item: '座椅', amount: 2000 }], stages: [{ name: '布置', plannedEnd: '2027-01-29' }] });
    await driver.complete('rc', id, 'Task_Review', approve);
    await driver.complete('street', id, 'Task_StreetApproval', { approval: 'reject', approvalComment: '本年度额度已用完' });

    // then
    expect(ocSees).toEqual(['Task_Revise']);
    expect(await driver.publicReplies(id)).toEqual(['自治金申请“楼道微更新：12 号楼共享客厅”街道未批准：本年度额度已用完']);
    expect(await driver.status(id)).toBe('completed');
  });

  it('should stop the project when an objection during the notice period is upheld', async () => {
    // given
    const id = await driver.start('self-governance-fund', 'oc', application([1800, 3000]));
    await driver.complete('rc', id, 'Task_Review', approve);
    await streetApproves(id, 4800);

    // when
    await driver.advance('P2D');
    await driver.publish('fund-objection', 'ZZ-2026-08', { objectionText: '一楼住户不同意占用楼道公共空间' });
    await driver.complete('party', id, 'Task_Objection', { objectionDecision: 'stop', objectionResolution: '一楼住户意见合理，项目终止，另行选址。' });

    // then
    expect(await driver.status(id)).toBe('completed');
    expect((await driver.publicReplies(id)).at(-1)).toBe('自治金项目 ZZ-2026-08“楼道微更新：12 号楼共享客厅”因公示期异议终止：一楼住户意见合理，项目终止，另行选址。');
  });

  it('should continue after an objection is answered, and loop acceptance through rework', async () => {
    // given
    const id = await driver.start('self-governance-fund', 'oc', application([1800, 3000]));
    await driver.complete('rc', id, 'Task_Review', approve);
    await streetApproves(id, 4800);
    await driver.publish('fund-objection', 'ZZ-2026-08', { objectionText: '担心噪音' });
    await driver.complete('rc', id, 'Task_Objection', { objectionDecision: 'continue', objectionResolution: '已约定开放时间 8:00–20:00。' });

    // when
    await driver.complete('oc', id, 'Task_StageReport', { stageProgress: '清理完成。', stageSpent: 800 });
    await driver.complete('oc', id, 'Task_StageReport', { stageProgress: '布置完成。', stageSpent: 4300 });
    await driver.complete('street', id, 'Task_Acceptance', { accepted: 'no', acceptanceNote: '消防器材未配置' });
    await driver.complete('oc', id, 'Task_Rework', { reworkReport: '已配置灭火器 2 具。' });
    await driver.complete('rc', id, 'Task_Acceptance', { accepted: 'yes', acceptanceNote: '整改到位，验收通过。' });
    await driver.complete('oc', id, 'Task_Accounts', { expenses: [{ item: '座椅与书架', amount: 5100, invoiceNo: 'FP1' }] });

    // then
    expect(await driver.visits(id, 'Timer_NoticeOver')).toBe(0);
    expect((await driver.variables(id))['accounts']).toEqual({ approved: 4800, spent: 5100, balance: -300, overBudget: true });
  });
});

itWalksEveryElement('self-governance-fund');
