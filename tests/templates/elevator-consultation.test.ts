import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/index.js';
import { closeScenarioDrivers, scenarioDrivers, type TemplateDriver } from './driver/scenario-drivers.js';
import { itWalksEveryElement } from './driver/walk-every-element.js';

/** 12 households of 80 m² on six floors; `opinions` in room order. */
function households(opinions: readonly string[]): JsonObject[] {
  return opinions.map((opinion, index) => ({ room: `${Math.floor(index / 2) + 1}0${(index % 2) + 1}`, ownerName: `业主${index + 1}`, area: 80, opinion }));
}
const repeat = (opinion: string, n: number) => Array.from({ length: n }, () => opinion);
/** 8 of 12 take part (exactly 2/3), 6 of them agree (exactly 3/4). */
const justEnough = [...repeat('agree', 6), ...repeat('disagree', 1), 'abstain', ...repeat('no-reply', 4)];
/** 7 of 12 take part: participation short of 2/3. */
const tooFew = [...repeat('agree', 7), ...repeat('no-reply', 5)];

afterAll(closeScenarioDrivers);

describe.each(scenarioDrivers)('elevator-consultation template (加装电梯意见征询), $name', (factory) => {
  let driver: TemplateDriver;

  beforeEach(async () => {
    driver = await factory.create();
  });

  async function prepared(): Promise<string> {
    const id = await driver.start('elevator-consultation', 'bl', {
      building: 18,
      unit: 2,
      floors: 6,
      householdCount: 12,
      leaderName: '孙老师',
      phone: '13512345678',
      reason: '本单元老人多，上下楼困难，多户希望加装电梯。',
    });
    await driver.complete('bl', id, 'Task_Prepare', {
      planSummary: '北侧楼梯间外加装，平层入户。',
      costEstimate: 780000,
      costSharing: '一楼 0，二楼 8%，三楼 16%，四楼 22%，五楼 26%，六楼 28%。',
      consultationEnd: '2026-12-18',
    });
    return id;
  }

  it('should give the residents committee the household table, due on the consultation end date', async () => {
    // when
    const id = await prepared();

    // then
    expect(await driver.tasks('rc', id)).toEqual([expect.objectContaining({ elementId: 'Task_Consent', formId: 'elevator-consent', dueDate: '2026-12-18T18:00:00+08:00' })]);
  });

  it('should pass at exactly 2/3 participation and 3/4 consent, publish the notice and record the six approval milestones in order', async () => {
    // given
    const id = await prepared();

    // when
    await driver.complete('rc', id, 'Task_Consent', { households: households(justEnough) });
    const notice = await driver.publicReplies(id);
    await driver.advance('P9D');
    const duringNotice = await driver.tasks('rc', id);
    await driver.advance('P1D');
    for (let step = 0; step < 6; step++) {
      const [task] = await driver.tasks('bl', id);
      expect(task?.elementId).toBe('Task_Milestone');
      await driver.complete('bl', id, 'Task_Milestone', { milestoneDoneOn: '2027-03-01', documentNo: `DOC-${step + 1}` });
    }

    // then
    expect((await driver.variables(id))['consentResult']).toMatchObject({ totalOwners: 12, votedOwners: 8, approveOwners: 6, totalArea: 960, votedArea: 640, approveArea: 480, participationOk: true, consentOk: true, passed: true });
    expect(notice).toEqual(['18号2单元加装电梯意见征询：参与 8/12 户，同意 6 户，已达到法定比例。方案与费用分摊公示 10 日。']);
    expect(duringNotice).toEqual([]);
    expect(((await driver.variables(id))['milestoneRecords'] as JsonObject[]).map((r) => r['key'])).toEqual(['application', 'planning', 'construction-permit', 'construction', 'acceptance', 'registration']);
    expect((await driver.publicReplies(id)).at(-1)).toBe('18号2单元加装电梯已完成验收和使用登记，投入使用。');
    expect(await driver.status(id)).toBe('completed');
  });

  it('should call a coordination meeting and count again when participation falls short', async () => {
    // given
    const id = await prepared();
    await driver.complete('rc', id, 'Task_Consent', { households: households(tooFew) });

    // when
    const partySees = (await driver.tasks('party', id)).map((t) => t.elementId);
    await driver.complete('party', id, 'Task_Coordination', { coordinationOn: '2026-12-22', coordinationMinutes: '一楼住户担心采光，代建方承诺补偿。', costSharing: '一楼补偿 2 万元，由四至六楼分担。' });
    const rcSees = (await driver.tasks('rc', id)).map((t) => t.elementId);
    await driver.complete('rc', id, 'Task_Consent', { households: households(justEnough) });

    // then
    expect(partySees).toEqual(['Task_Coordination']);
    expect(rcSees).toEqual(['Task_Consent']);
    expect((await driver.variables(id))['consentResult']).toMatchObject({ passed: true });
    expect((await driver.variables(id))['coordinationRound']).toBe(1);
  });

  it('should fail when 3/4 consent is missed by one household, and close after two coordination meetings', async () => {
    // given: 8 take part, only 5 agree
    const short = [...repeat('agree', 5), ...repeat('disagree', 3), ...repeat('no-reply', 4)];
    const id = await prepared();

    // when
    for (let round = 0; round < 2; round++) {
      await driver.complete('rc', id, 'Task_Consent', { households: households(short) });
      expect((await driver.variables(id))['consentResult']).toMatchObject({ participationOk: true, consentOk: false, passed: false });
      await driver.complete('rc', id, 'Task_Coordination', { coordinationOn: '2026-12-22', coordinationMinutes: '低层住户仍不同意，继续沟通。', costSharing: '维持原分摊方案，增加一楼补偿。' });
    }
    await driver.complete('rc', id, 'Task_Consent', { households: households(short) });

    // then
    expect(await driver.status(id)).toBe('completed');
    expect(await driver.visits(id, 'Task_Coordination')).toBe(2);
    expect(await driver.publicReplies(id)).toEqual(['18号2单元加装电梯意见征询经 2 次协调仍未达到法定比例（参与 8/12 户，同意 5 户），本次征询结束。']);
  });

  it('should refuse a household row without its area', async () => {
    // given
    const id = await prepared();

    // when / then
    await expect(driver.complete('rc', id, 'Task_Consent', { households: [{ room: '101', ownerName: '业主1', opinion: 'agree' }] })).rejects.toThrow(/area|面积/);
  });
});

itWalksEveryElement('elevator-consultation');
