import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryDriver } from './driver/in-memory-driver.js';
import { closeScenarioDrivers, scenarioDrivers, type TemplateDriver } from './driver/scenario-drivers.js';
import { itWalksEveryElement } from './driver/walk-every-element.js';

const intake = {
  complainantName: '王阿姨',
  phone: '13812345678',
  building: 12,
  unit: 3,
  room: '502',
  category: 'noise',
  description: '楼上装修每天早上七点开始电钻，影响休息。',
  channel: 'phone',
  consentPublic: true,
};

afterAll(closeScenarioDrivers);

describe.each(scenarioDrivers)('complaint template (投诉 接诉即办), $name', (factory) => {
  let driver: TemplateDriver;

  beforeEach(async () => {
    driver = await factory.create();
  });

  async function acceptAndDispatch(urgency: string, handlerGroup = 'pm'): Promise<string> {
    const id = await driver.start('complaint', 'resident', intake);
    await driver.complete('rc', id, 'Task_Accept', { acceptDecision: 'accept' });
    await driver.complete('rc', id, 'Task_Dispatch', { handlerGroup, urgency });
    return id;
  }

  async function handleReplyRevisit(id: string, satisfaction: string): Promise<void> {
    await driver.complete('pm', id, 'Task_Handle', { handleNote: '已约谈装修户，调整施工时间为 9 点后。' });
    await driver.complete('rc', id, 'Task_Reply', { replyText: '已协调装修户，工作日 9:00 以后施工。' });
    await driver.complete('vol', id, 'Task_Revisit', { satisfaction });
  }

  it('should refuse an intake form with a malformed phone number', async () => {
    // when / then
    await expect(driver.start('complaint', 'resident', { ...intake, phone: '12345' })).rejects.toThrow(/phone|联系电话/);
  });

  it('should give the residents committee the acceptance task, due within one working day', async () => {
    // when
    const id = await driver.start('complaint', 'resident', intake);

    // then
    const [task] = await driver.tasks('rc', id);
    expect(task).toMatchObject({ elementId: 'Task_Accept', formId: 'complaint-accept', dueDate: '2026-12-01T09:00:00+08:00' });
    expect(await driver.tasks('pm', id)).toEqual([]);
  });

  it('should return a complaint with the reason published to the resident', async () => {
    // given
    const id = await driver.start('complaint', 'resident', intake);

    // when
    await driver.complete('rc', id, 'Task_Accept', { acceptDecision: 'return', returnReason: '属于邻里纠纷，已转人民调解' });

    // then
    expect(await driver.status(id)).toBe('completed');
    expect(await driver.visits(id, 'End_Returned')).toBe(1);
    expect(await driver.publicReplies(id)).toEqual(['您的投诉未予受理。原因：属于邻里纠纷，已转人民调解']);
    expect(await driver.visits(id, 'Task_Dispatch')).toBe(0);
  });

  it('should dispatch to the chosen party with the time limit as due date, reply publicly and close satisfied', async () => {
    // given
    const id = await acceptAndDispatch('urgent');

    // when
    const [handle] = await driver.tasks('pm', id);
    await handleReplyRevisit(id, 'satisfied');

    // then
    expect(handle).toMatchObject({ elementId: 'Task_Handle', dueDate: '2026-12-01T09:00:00+08:00' });
    expect(await driver.status(id)).toBe('completed');
    expect(await driver.publicReplies(id)).toEqual(['已协调装修户，工作日 9:00 以后施工。']);
    expect((await driver.variables(id))['statistics']).toEqual({ responded: true, solved: true, satisfied: true, redoCount: 0, overdue: false });
    expect(await driver.incidents(id)).toEqual([]);
  });

  it('should send the case back to the residents committee when it is dispatched to it', async () => {
    // given
    const id = await acceptAndDispatch('normal', 'rc');

    // then
    expect((await driver.tasks('rc', id)).map((t) => t.elementId)).toEqual(['Task_Handle']);
    expect(await driver.tasks('pm', id)).toEqual([]);
  });

  it('should reopen handling when the resident is not satisfied, at most twice', async () => {
    // given
    const id = await acceptAndDispatch('fast');

    // when
    await handleReplyRevisit(id, 'unsatisfied');
    await handleReplyRevisit(id, 'unsatisfied');
    expect(await driver.status(id)).toBe('active');
    await handleReplyRevisit(id, 'unsatisfied');

    // then
    expect(await driver.visits(id, 'Task_Handle')).toBe(3);
    expect(await driver.status(id)).toBe('completed');
    expect((await driver.variables(id))['statistics']).toEqual({ responded: true, solved: false, satisfied: false, redoCount: 2, overdue: false });
    expect(await driver.publicReplies(id)).toHaveLength(3);
  });

  it('should close after one redo when the resident is then basically satisfied', async () => {
    // given
    const id = await acceptAndDispatch('fast');

    // when
    await handleReplyRevisit(id, 'unsatisfied');
    await handleReplyRevisit(id, 'basic');

    // then
    expect((await driver.variables(id))['statistics']).toEqual({ responded: true, solved: true, satisfied: false, redoCount: 1, overdue: false });
  });

  it('should remind four hours before the limit and escalate to the sub-district when overdue', async () => {
    // given: 3 working days from Monday 09:00 → Thursday 09:00
    const id = await acceptAndDispatch('fast');

    // when
    await driver.advance('P2DT19H'); // Thursday 04:00
    expect(await driver.notifications(id)).toEqual([]);
    await driver.advance('PT2H'); // 06:00, past the 05:00 reminder
    const afterWarning = await driver.notifications(id);
    await driver.advance('PT4H');

    // then
    // (the warning reaches the party the case was dispatched to, and the residents' committee)
    expect(afterWarning).toEqual([expect.objectContaining({ groups: ['pm', 'rc'], title: '投诉即将到期', body: expect.stringContaining('12号3单元') })]);
    const all = await driver.notifications(id);
    expect(all[1]).toMatchObject({ groups: ['street', 'rc'], title: '投诉超时未办结' });
    expect((await driver.tasks('street', id)).map((t) => t.elementId)).toEqual(['Task_Supervise']);
    expect((await driver.tasks('pm', id)).map((t) => t.elementId)).toEqual(['Task_Handle']);

    // when: the sub-district supervises, the company finishes late
    await driver.complete('street', id, 'Task_Supervise', { supervisionNote: '请物业今日内办结并回复。' });
    await handleReplyRevisit(id, 'satisfied');

    // then
    expect((await driver.variables(id))['statistics']).toMatchObject({ solved: true, overdue: true });
  });

  it('should count the time limit in working days across the weekend', async () => {
    // given: urgent on Friday 4 December 2026 → due Monday 7 December
    driver = await factory.create({ now: Date.parse('2026-12-04T15:00:00+08:00') });
    const id = await acceptAndDispatch('urgent');

    // when
    await driver.advance('P2D');

    // then: Sunday 15:00, nothing yet
    expect(await driver.notifications(id)).toEqual([]);
    const [handle] = await driver.tasks('pm', id);
    expect(handle?.dueDate).toBe('2026-12-07T15:00:00+08:00');
  });

  it('should restart the limit when the residents committee approves an extension', async () => {
    // given
    const id = await acceptAndDispatch('urgent');

    // when
    await driver.complete('pm', id, 'Task_Handle', { handleNote: '需更换水泵，配件在途。', requestExtension: true, extensionReason: '配件需要 5 个工作日到货' });
    await driver.complete('rc', id, 'Task_Extension', { extensionDecision: 'approve', limitDays: 5 });

    // then: a new handling task due in 5 working days; the old deadline passes quietly
    const [handle] = await driver.tasks('pm', id);
    expect(handle).toMatchObject({ elementId: 'Task_Handle', dueDate: '2026-12-07T09:00:00+08:00' });
    await driver.advance('P1DT1H');
    expect(await driver.notifications(id)).toEqual([]);
  });

  it('should keep the original limit when the extension is refused', async () => {
    // given
    const id = await acceptAndDispatch('fast');
    await driver.complete('pm', id, 'Task_Handle', { handleNote: '需要协调业委会。', requestExtension: true, extensionReason: '需业委会开会决定' });

    // when
    await driver.complete('rc', id, 'Task_Extension', { extensionDecision: 'reject', limitDays: 20 });

    // then: the hidden limit field was not taken, and the deadline is still Thursday 09:00
    expect((await driver.variables(id))['limitDays']).toBe(3);
    expect(await driver.tasks('pm', id)).toEqual([expect.objectContaining({ elementId: 'Task_Handle', dueDate: '2026-12-03T09:00:00+08:00' })]);

    // when: the original deadline passes
    await driver.advance('P2D'); // Wednesday 09:00
    await driver.complete('pm', id, 'Task_Handle', { handleNote: '业委会仍未开会，再次申请。', requestExtension: true, extensionReason: '业委会定于下周开会' });
    await driver.complete('rc', id, 'Task_Extension', { extensionDecision: 'reject' });
    await driver.advance('P1DT1H'); // Thursday 10:00

    // then: it is overdue on the original limit, reminded once and reported once
    expect((await driver.notifications(id)).map((n) => n.title)).toEqual(['投诉即将到期', '投诉超时未办结']);
    expect((await driver.tasks('street', id)).map((t) => t.elementId)).toEqual(['Task_Supervise']);
  });

  it.each([
    ['urgent', 1, '2026-12-01T09:00:00+08:00'],
    ['fast', 3, '2026-12-03T09:00:00+08:00'],
    ['normal', 5, '2026-12-07T09:00:00+08:00'],
    ['complex', 15, '2026-12-21T09:00:00+08:00'],
  ])('should give a %s complaint %i working days', async (urgency, days, dueDate) => {
    // when
    const id = await acceptAndDispatch(urgency);

    // then
    expect((await driver.variables(id))['limitDays']).toBe(days);
    expect(await driver.tasks('pm', id)).toEqual([expect.objectContaining({ elementId: 'Task_Handle', dueDate })]);
  });
});

describe('complaint template across restarts', () => {
  it('should resume from a JSON copy of the engine after every step', async () => {
    // given
    const driver = await InMemoryDriver.create({ mode: 'restarted' });

    // when
    const id = await driver.start('complaint', 'resident', intake);
    await driver.complete('rc', id, 'Task_Accept', { acceptDecision: 'accept' });
    await driver.complete('rc', id, 'Task_Dispatch', { handlerGroup: 'pm', urgency: 'fast' });
    await driver.advance('P3DT1H');

    // then: the restored engine still fired the timers it had armed before each restart
    expect(driver.restarts).toBe(5);
    expect((await driver.notifications(id)).map((n) => n.title)).toEqual(['投诉即将到期', '投诉超时未办结']);
  });
});

itWalksEveryElement('complaint');
