import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/index.js';
import { closeScenarioDrivers, scenarioDrivers, type TemplateDriver } from './driver/scenario-drivers.js';
import { userOf, type TaskView } from './driver/scenario-driver.js';
import { itWalksEveryElement } from './driver/walk-every-element.js';

const representatives = [
  { name: '张建国', repType: 'party', building: '3' },
  { name: '李秀英', repType: 'resident', building: '7' },
  { name: '陈伟', repType: 'bl', building: '12' },
];
/** Two representatives sign in and score in person; the third has no account (staff enter her paper score). */
const representativesWithAccounts: JsonObject[] = [
  { name: '张建国', repType: 'party', building: '3', account: userOf('rep') },
  { name: '李秀英', repType: 'resident', building: '7', account: userOf('rep-2') },
  { name: '陈伟', repType: 'bl', building: '12' },
];
const score = (value: number): JsonObject => ({ security: value, cleaning: value, greening: value, facilities: value, service: value });

afterAll(closeScenarioDrivers);

describe.each(scenarioDrivers)('property-evaluation template (物业服务年度评议), $name', (factory) => {
  let driver: TemplateDriver;

  beforeEach(async () => {
    driver = await factory.create();
  });

  async function upToScoring(chosen: JsonObject[] = representatives): Promise<string> {
    const id = await driver.start('property-evaluation', 'rc', { evaluationYear: 2026, propertyCompany: '上海明悦物业管理有限公司' });
    await driver.complete('pm', id, 'Task_Report', { reportSummary: '全年完成报修 1,236 件，及时率 96%；垃圾分类达标；电梯年检全部合格。', reportMeetingOn: '2026-12-05' });
    await driver.complete('rc', id, 'Task_Reps', { representatives: chosen, scoringDeadline: '2026-12-11' });
    return id;
  }

  async function conclude(id: string, conclusion: string): Promise<void> {
    await driver.complete('party', id, 'Task_Conclusion', {
      conclusion,
      conclusionSummary: conclusion === 'qualified' ? '服务总体合格，保洁需加强。' : '不合格：设施维护不及时，限期整改。',
      ...(conclusion === 'unqualified' ? { rectificationItems: '电梯故障 24 小时内修复；每月公示维修台账。' } : {}),
    });
  }

  it('should have the property company report first, then let each representative score', async () => {
    // when
    const id = await upToScoring();

    // then
    const tasks = await driver.tasks('rep', id);
    expect(tasks.map((t) => t.elementId)).toEqual(['Task_Score', 'Task_Score', 'Task_Score']);
    expect(tasks[0]?.dueDate).toBe('2026-12-11T18:00:00+08:00');
    expect(await driver.tasks('pm', id)).toEqual([]);
  });

  it('should close scoring once two thirds have scored and publish the averages with the conclusion', async () => {
    // given
    const id = await upToScoring();

    // when
    await driver.completeAll('rep', id, 'Task_Score', [score(80), { ...score(70), cleaning: 50 }]);
    const repsLeft = await driver.tasks('rep', id);
    const evaluation = (await driver.variables(id))['evaluation'] as JsonObject;
    await conclude(id, 'qualified');

    // then
    expect(repsLeft).toEqual([]);
    expect(evaluation).toMatchObject({ respondents: 2, security: 75, cleaning: 65, overall: 73, passScore: 60, suggested: 'qualified' });
    expect(await driver.publicReplies(id)).toEqual(['2026 年度物业服务评议：2 位代表评分，综合平均 73 分。评议会结论：服务总体合格，保洁需加强。']);
    expect(await driver.status(id)).toBe('completed');
    expect(await driver.visits(id, 'End_Qualified')).toBe(1);
  });

  it('should have a representative with an account score in person, and let any representative take the one without', async () => {
    // given: 张建国 (user-rep) and 李秀英 (user-rep-2) have accounts, 陈伟 has none
    const id = await upToScoring(representativesWithAccounts);

    // when each looks in their inbox, and 李秀英 submits 张建国's task anyway
    const repSees = await driver.tasks('rep', id);
    const colleagueSees = await driver.tasks('rep-2', id);
    const own = onlyOne(repSees.filter((t) => t.assignee === userOf('rep')));
    const open = onlyOne(repSees.filter((t) => t.assignee === null));
    const refused = await driver.submitTask('rep-2', own.id, score(10)).then(() => null, (error: unknown) => error);
    const afterRefusal = await driver.tasks('rep', id);
    // and 张建国 scores his own, 李秀英 enters 陈伟's paper score (two thirds: scoring closes)
    await driver.submitTask('rep', own.id, score(80));
    await driver.submitTask('rep-2', open.id, { ...score(70), cleaning: 50 });

    // then
    expect(repSees).toHaveLength(2);
    expect(repSees).toEqual(expect.arrayContaining([expect.objectContaining({ elementId: 'Task_Score', assignee: userOf('rep'), candidateGroups: ['rep'] })]));
    expect(colleagueSees).toHaveLength(2);
    expect(colleagueSees).toEqual(expect.arrayContaining([expect.objectContaining({ elementId: 'Task_Score', assignee: userOf('rep-2') }), expect.objectContaining({ id: open.id, assignee: null })]));
    expect(colleagueSees.map((t) => t.id)).not.toContain(own.id);
    expect(String(refused)).toMatch(/403/);
    expect(afterRefusal).toEqual(expect.arrayContaining([expect.objectContaining({ id: own.id, assignee: userOf('rep') })]));
    expect(await driver.tasks('rep-2', id)).toEqual([]);
    const variables = await driver.variables(id);
    expect((variables['scores'] as (JsonObject | null)[]).flatMap((s) => (s === null ? [] : [[s['name'], s['security']]]))).toEqual([
      ['张建国', 80],
      ['陈伟', 70],
    ]);
    expect(variables['evaluation']).toMatchObject({ respondents: 2, security: 75, cleaning: 65, overall: 73, passScore: 60, suggested: 'qualified' });
  });

  it('should loop rectification until the residents and owners committees accept it', async () => {
    // given
    const id = await upToScoring();
    await driver.completeAll('rep', id, 'Task_Score', [score(50), score(55)]);
    expect((await driver.variables(id))['evaluation']).toMatchObject({ suggested: 'unqualified' });

    // when
    await conclude(id, 'unqualified');
    const pmSees = (await driver.tasks('pm', id)).map((t) => t.elementId);
    await driver.complete('pm', id, 'Task_Rectify', { rectifyReport: '已更换 2 台电梯主板，建立维修台账。' });
    await driver.complete('oc', id, 'Task_RectifyCheck', { rectified: 'no', checkNote: '台账未公示' });
    await driver.complete('pm', id, 'Task_Rectify', { rectifyReport: '维修台账已在各楼道公示栏张贴。' });
    await driver.complete('rc', id, 'Task_RectifyCheck', { rectified: 'yes', checkNote: '已核实' });

    // then
    expect(pmSees).toEqual(['Task_Rectify']);
    expect(await driver.visits(id, 'Task_Rectify')).toBe(2);
    expect(await driver.visits(id, 'End_Rectified')).toBe(1);
    expect(await driver.status(id)).toBe('completed');
  });

  it('should reorganise the representatives when fewer than two thirds have scored by the deadline', async () => {
    // given
    const id = await upToScoring();
    await driver.completeAll('rep', id, 'Task_Score', [score(90)]);

    // when: the deadline is Friday 11 December, 18:00
    await driver.advanceTo('2026-12-11T18:00:00+08:00');

    // then
    expect(await driver.tasks('rep', id)).toEqual([]);
    expect((await driver.tasks('rc', id)).map((t) => t.elementId)).toEqual(['Task_Reps']);
    expect(await driver.notifications(id)).toEqual([expect.objectContaining({ title: '物业评议未达有效人数', groups: ['rc', 'party'] })]);
  });

  it('should start by itself every January for the year before', async () => {
    // when
    await driver.advanceTo('2027-01-11T09:00:00+08:00');

    // then
    const [id] = await driver.cases('property-evaluation');
    expect(id).toBeDefined();
    expect((await driver.variables(id as string))['evaluationYear']).toBe(2026);
    expect((await driver.tasks('pm', id as string)).map((t) => t.elementId)).toEqual(['Task_Report']);
  });
});

function onlyOne(tasks: readonly TaskView[]): TaskView {
  if (tasks.length !== 1) throw new Error(`expected one task, found ${tasks.length}`);
  return tasks[0] as TaskView;
}

itWalksEveryElement('property-evaluation');
