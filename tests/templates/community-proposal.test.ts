import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/index.js';
import { closeScenarioDrivers, scenarioDrivers, type TemplateDriver } from './driver/scenario-drivers.js';
import { itWalksEveryElement } from './driver/walk-every-element.js';

const proposal: JsonObject = {
  proposalTitle: '闲置自行车棚改造为社区花园',
  proposalCategory: 'greening',
  location: '9 号楼北侧',
  description: '9 号楼北侧自行车棚长期堆放僵尸车，建议清理后改造为居民共建的社区花园。',
  estimatedCost: 30000,
  proposerName: '周老师',
  proposerType: 'resident',
  phone: '13611112222',
};
const voteCount = (approve: number): JsonObject => ({ totalArea: 48000, totalOwners: 600, votedArea: 36000, votedOwners: 450, approveArea: approve * 80, approveOwners: approve });

afterAll(closeScenarioDrivers);

describe.each(scenarioDrivers)('community-proposal template (“东明72变”社区提案), $name', (factory) => {
  let driver: TemplateDriver;

  beforeEach(async () => {
    driver = await factory.create();
  });

  async function accepted(settings?: { bylaw: JsonObject }): Promise<string> {
    const id = await driver.start('community-proposal', 'resident', proposal, settings);
    await driver.complete('rc', id, 'Task_FormalReview', { reviewDecision: 'accept', proposalNo: '2026-15' });
    return id;
  }

  async function feasible(id: string, fundingSource = 'public-income'): Promise<void> {
    await driver.advance('P14D');
    await driver.complete('rc', id, 'Task_Support', { supportCount: 46 });
    await driver.complete('pm', id, 'Task_FeasibilityPm', { pmFeasible: 'yes', pmOpinion: '场地可用，需迁移 2 个雨水井盖。' });
    await driver.complete('oc', id, 'Task_FeasibilityOc', { ocFeasible: 'yes', fundingSource, ocOpinion: '同意使用公共收益。' });
  }

  async function vote(id: string, approve: number): Promise<void> {
    await driver.complete('oc', id, 'Task_Notice', { voteStart: '2026-12-16', voteEnd: '2026-12-30', voteMethod: 'online', voteNotice: '关于社区花园提案的表决公告。' });
    await driver.advanceTo('2026-12-30T18:00:00+08:00');
    await driver.complete('oc', id, 'Task_Count', voteCount(approve));
  }

  it('should tell the proposer why a proposal fails the formal review', async () => {
    // given
    const id = await driver.start('community-proposal', 'resident', proposal);

    // when
    await driver.complete('rc', id, 'Task_FormalReview', { reviewDecision: 'reject', rejectReason: '地块属市政绿地，不在小区红线内' });

    // then
    expect(await driver.publicReplies(id)).toEqual(['您的提案“闲置自行车棚改造为社区花园”未通过形式审查：地块属市政绿地，不在小区红线内']);
    expect(await driver.status(id)).toBe('completed');
  });

  it('should publish the proposal and wait out the 14-day support period before counting support', async () => {
    // given
    const id = await accepted();

    // when
    await driver.advance('P13D');
    const during = await driver.tasks('rc', id);
    await driver.advance('P1D');
    await driver.complete('rc', id, 'Task_Support', { supportCount: 12 });

    // then
    expect(during).toEqual([]);
    expect(await driver.publicReplies(id)).toEqual([
      '“东明72变”提案 2026-15“闲置自行车棚改造为社区花园”已公示，欢迎居民在支持期内表达支持。',
      '提案“闲置自行车棚改造为社区花园”支持期内获得 12 位居民支持，未达到门槛，暂不推进。',
    ]);
  });

  it('should use the community’s own support period and threshold, then ask the company and the owners committee in parallel', async () => {
    // given
    const id = await accepted({ bylaw: { proposalSupportDays: 7, proposalSupportMin: 10 } });

    // when
    await driver.advance('P7D');
    await driver.complete('rc', id, 'Task_Support', { supportCount: 12 });

    // then
    expect((await driver.tasks('pm', id)).map((t) => t.elementId)).toEqual(['Task_FeasibilityPm']);
    expect((await driver.tasks('oc', id)).map((t) => t.elementId)).toEqual(['Task_FeasibilityOc']);
    await driver.complete('pm', id, 'Task_FeasibilityPm', { pmFeasible: 'no', pmOpinion: '地下有燃气管线，不宜开挖。' });
    expect(await driver.status(id)).toBe('active');
    await driver.complete('oc', id, 'Task_FeasibilityOc', { ocFeasible: 'yes', fundingSource: 'self-governance', ocOpinion: '可申请自治金。' });
    expect(await driver.publicReplies(id)).toContain('提案“闲置自行车棚改造为社区花园”经评估暂不可行。物业意见：地下有燃气管线，不宜开挖。；业委会意见：可申请自治金。');
    expect(await driver.status(id)).toBe('completed');
  });

  it('should vote, carry out the milestones one after another, and publish after acceptance with one round of fixes', async () => {
    // given
    const id = await accepted();
    await feasible(id);

    // when
    await vote(id, 300);
    await driver.complete('pm', id, 'Task_Plan', {
      contractor: '上海绿苑园艺',
      milestones: [
        { name: '清理僵尸车', plannedDate: '2027-01-08' },
        { name: '花园施工', plannedDate: '2027-02-26' },
      ],
    });
    const first = await driver.tasks('pm', id);
    await driver.complete('pm', id, 'Task_Milestone', { finishedOn: '2027-01-07', milestoneReport: '清理僵尸车 23 辆，已公示认领 7 天。' });
    const second = await driver.tasks('pm', id);
    await driver.complete('pm', id, 'Task_Milestone', { finishedOn: '2027-02-20', milestoneReport: '完成土方、步道与种植箱施工。' });
    await driver.complete('oc', id, 'Task_Acceptance', { accepted: 'no', acceptanceNote: '步道边缘有尖角，需打磨' });
    await driver.complete('pm', id, 'Task_Fix', { fixReport: '已打磨并加装护角。' });
    await driver.complete('rc', id, 'Task_Acceptance', { accepted: 'yes', acceptanceNote: '花园已向居民开放。' });

    // then
    expect((await driver.variables(id))['voteResult']).toMatchObject({ passed: true });
    expect(first).toEqual([expect.objectContaining({ elementId: 'Task_Milestone', dueDate: '2027-01-08T18:00:00+08:00' })]);
    expect(second).toEqual([expect.objectContaining({ elementId: 'Task_Milestone', dueDate: '2027-02-26T18:00:00+08:00' })]);
    expect((await driver.variables(id))['milestoneReports']).toEqual([
      { name: '清理僵尸车', finishedOn: '2027-01-07', report: '清理僵尸车 23 辆，已公示认领 7 天。' },
      { name: '花园施工', finishedOn: '2027-02-20', report: '完成土方、步道与种植箱施工。' },
    ]);
    expect((await driver.publicReplies(id)).at(-1)).toBe('“东明72变”提案“闲置自行车棚改造为社区花园”已实施完成并通过验收。花园已向居民开放。');
    expect(await driver.status(id)).toBe('completed');
  });

  it('should treat a maintenance-fund proposal as a special matter and stop when the vote fails', async () => {
    // given
    const id = await accepted();
    await feasible(id, 'maintenance-fund');

    // when: 300 of 450 owners consent: 2/3, short of 3/4
    await vote(id, 300);

    // then
    expect((await driver.variables(id))['voteResult']).toMatchObject({ passed: false, approvalOk: false });
    expect((await driver.publicReplies(id)).at(-1)).toBe('提案“闲置自行车棚改造为社区花园”业主表决未通过：同意的面积或人数不足。');
    expect(await driver.visits(id, 'Task_Plan')).toBe(0);
  });
});

itWalksEveryElement('community-proposal');
