import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/index.js';
import { closeScenarioDrivers, scenarioDrivers, type TemplateDriver } from './driver/scenario-drivers.js';
import { userOf } from './driver/scenario-driver.js';
import { itWalksEveryElement } from './driver/walk-every-element.js';

const report = (extra: JsonObject = {}): JsonObject => ({
  reporterName: '刘师傅',
  reporterRole: 'bl',
  phone: '13900001111',
  patrolArea: 'stairwell',
  building: 5,
  location: '2 单元一楼楼道',
  description: '楼道堆放旧家具和纸箱，堵塞通道。',
  photos: ['att-001'],
  ...extra,
});
const rectified = { rectifyNote: '已通知住户清理，物业协助搬运。', rectifyPhotos: ['att-101'] };

afterAll(closeScenarioDrivers);

describe.each(scenarioDrivers)('patrol-report template (楼组长/志愿者巡查上报), $name', (factory) => {
  let driver: TemplateDriver;

  beforeEach(async () => {
    driver = await factory.create();
  });

  async function dispatch(id: string, limitDays = 3): Promise<void> {
    await driver.complete('rc', id, 'Task_Dispatch', { handlerGroup: 'pm', limitDays });
  }

  it('should refuse a report without a photo', async () => {
    // when / then
    await expect(driver.start('patrol-report', 'bl', report({ photos: [] }))).rejects.toThrow(/现场照片/);
  });

  it('should dispatch, rectify and let the reporting building leader confirm the fix', async () => {
    // given
    const id = await driver.start('patrol-report', 'bl', report());
    const dispatchTask = (await driver.tasks('rc', id))[0];
    await dispatch(id);

    // when
    const rectifyTask = (await driver.tasks('pm', id))[0];
    await driver.complete('pm', id, 'Task_Rectify', rectified);
    const volunteerSees = await driver.tasks('vol', id);
    await driver.complete('bl', id, 'Task_Check', { fixed: 'yes' });

    // then
    expect(dispatchTask).toMatchObject({ elementId: 'Task_Dispatch', dueDate: '2026-12-01T09:00:00+08:00' });
    expect(rectifyTask).toMatchObject({ elementId: 'Task_Rectify', dueDate: '2026-12-03T09:00:00+08:00' });
    expect(volunteerSees).toEqual([]);
    expect(await driver.status(id)).toBe('completed');
    expect((await driver.variables(id))['patrolRecord']).toEqual({ area: 'stairwell', urgent: false, rounds: 1, escalated: false });
    expect(await driver.notifications(id)).toEqual([expect.objectContaining({ groups: ['rc', 'bl'], title: '巡查问题已整改' })]);
  });

  it('should address the check to the reporter in person: another building leader cannot complete it until the admin reassigns it', async () => {
    // given a building leader's report, dispatched and rectified
    const id = await driver.start('patrol-report', 'bl', report());
    await dispatch(id);
    await driver.complete('pm', id, 'Task_Rectify', rectified);

    // when another building leader of the community looks for the check and submits it anyway
    const reporterSees = await driver.tasks('bl', id);
    const colleagueSees = await driver.tasks('bl-2', id);
    const check = reporterSees[0];
    if (check === undefined) throw new Error('the reporter has no check task');
    const refused = await driver.submitTask('bl-2', check.id, { fixed: 'yes' }).then(() => null, (error: unknown) => error);
    const afterRefusal = await driver.tasks('bl', id);
    // and the admin hands it over because the reporter has moved away
    await driver.reassign(id, 'Task_Check', 'bl-2', '刘师傅已搬离本小区，改由同楼组长复查 / the reporter moved away');
    const reporterAfterReassign = await driver.tasks('bl', id);
    await driver.complete('bl-2', id, 'Task_Check', { fixed: 'yes' });

    // then
    expect((await driver.variables(id))['initiator']).toBe(userOf('bl'));
    expect(reporterSees).toEqual([expect.objectContaining({ elementId: 'Task_Check', assignee: userOf('bl'), candidateGroups: ['bl'] })]);
    expect(colleagueSees).toEqual([]);
    expect(String(refused)).toMatch(/403/);
    expect(afterRefusal).toEqual([expect.objectContaining({ id: check.id, assignee: userOf('bl') })]);
    expect(reporterAfterReassign).toEqual([]);
    expect(await driver.status(id)).toBe('completed');
  });

  it('should notify the residents committee and the property company at once about an urgent problem', async () => {
    // when
    const id = await driver.start('patrol-report', 'vol', report({ reporterRole: 'vol', patrolArea: 'safety', description: '电动车在楼道内充电，电线裸露。', urgent: true }));

    // then
    expect(await driver.notifications(id)).toEqual([
      expect.objectContaining({ groups: ['rc', 'pm'], title: '紧急：5号 2 单元一楼楼道', body: '刘师傅巡查发现：电动车在楼道内充电，电线裸露。。请立即到场处置。' }),
    ]);
    const [task] = await driver.tasks('rc', id);
    expect(task).toMatchObject({ elementId: 'Task_Dispatch', dueDate: '2026-11-30T11:00:00+08:00' });
  });

  it('should escalate to the Party organisation when rectification runs past its limit', async () => {
    // given
    const id = await driver.start('patrol-report', 'bl', report());
    await dispatch(id, 1);

    // when
    await driver.advance('P1DT1H');

    // then
    expect(await driver.notifications(id)).toEqual([expect.objectContaining({ groups: ['party', 'rc'], title: '巡查问题整改超时' })]);
    await driver.complete('pm', id, 'Task_Rectify', rectified);
    await driver.complete('bl', id, 'Task_Check', { fixed: 'yes' });
    expect((await driver.variables(id))['patrolRecord']).toMatchObject({ escalated: true });
  });

  it('should repeat rectification until the reporter confirms it, telling the sub-district once after three failed rounds', async () => {
    // given
    const id = await driver.start('patrol-report', 'vol', report({ reporterRole: 'vol' }));
    await dispatch(id);

    // when: two rounds fail, then a third, then a fourth
    for (let round = 1; round <= 2; round++) {
      await driver.complete('pm', id, 'Task_Rectify', rectified);
      await driver.complete('vol', id, 'Task_Check', { fixed: 'no', checkNote: `第 ${round} 次复查：纸箱仍在` });
    }
    const afterTwo = await driver.notifications(id);
    await driver.complete('pm', id, 'Task_Rectify', rectified);
    await driver.complete('vol', id, 'Task_Check', { fixed: 'no', checkNote: '第 3 次复查：纸箱仍在' });
    const afterThree = await driver.notifications(id);
    await driver.complete('pm', id, 'Task_Rectify', rectified);
    await driver.complete('vol', id, 'Task_Check', { fixed: 'no', checkNote: '第 4 次复查：仍未清理' });
    await driver.complete('pm', id, 'Task_Rectify', rectified);
    await driver.complete('vol', id, 'Task_Check', { fixed: 'yes' });

    // then
    expect(afterTwo).toEqual([]);
    expect(afterThree).toEqual([expect.objectContaining({ groups: ['street', 'party'], body: expect.stringContaining('已整改 3 轮仍未到位') })]);
    const sent = await driver.notifications(id);
    expect(sent.map((n) => n.title)).toEqual(['巡查问题多次整改未到位', '巡查问题已整改']);
    expect(sent[0]?.groups).toEqual(['street', 'party']);
    expect(await driver.visits(id, 'Task_Rectify')).toBe(5);
    expect((await driver.variables(id))['patrolRecord']).toEqual({ area: 'stairwell', urgent: false, rounds: 5, escalated: false });
  });
});

itWalksEveryElement('patrol-report');
