import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../engine/calendar/create-working-calendar.js';
import { beijingDate, RoundTripHost } from './helpers/round-trip-host.js';

/** Tuesday 2026-09-29, 10:00 in Beijing: two days before the National Day week. */
const BEFORE_NATIONAL_DAY = Date.parse('2026-09-29T10:00:00+08:00');

/** The autumn part of the State Council's 2026 holiday notice: what these tests depend on. */
const calendar = createWorkingCalendar([
  {
    year: 2026,
    holidays: ['2026-09-25', '2026-09-26', '2026-09-27', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
    workdays: ['2026-09-20', '2026-10-10'],
    source: '国务院办公厅关于2026年部分节假日安排的通知（中秋节、国庆节部分）',
  },
]);

async function startAtStaticTask(): Promise<{ host: RoundTripHost; id: string }> {
  const host = await RoundTripHost.deploy('user-task-assignment.bpmn', { now: BEFORE_NATIONAL_DAY, calendar });
  const id = await host.start('user_task_assignment', { owner: '王五' });
  return { host, id };
}

describe('user task', () => {
  it('should open a zeebe:userTask with its static assignee, candidates, dates, priority and form', async () => {
    // given
    const { host, id } = await startAtStaticTask();

    // when
    const task = host.task(id, 'Task_Static');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Static']);
    expect(task.name).toBe('受理');
    expect(task.assignee).toBe('wang');
    expect(task.candidateGroups).toEqual(['rc', 'pm']);
    expect(task.candidateUsers).toEqual(['li', 'zhao']);
    expect(Date.parse(task.dueDate ?? '')).toBe(Date.parse('2026-10-15T17:00:00+08:00'));
    expect(Date.parse(task.followUpDate ?? '')).toBe(Date.parse('2026-10-12T09:00:00+08:00'));
    expect(task.priority).toBe(80);
    expect(task.formId).toBe('complaint-accept');
    expect(host.status(id)).toBe('active');
  });

  it('should merge the variables a task is completed with into the process scope', async () => {
    // given
    const { host, id } = await startAtStaticTask();

    // when
    await host.complete(id, 'Task_Static', { owner: '李四', reviewers: ['zhao', 'qian'], urgency: 7, 受理意见: '同意' });

    // then
    expect(host.variables(id)).toEqual({ owner: '李四', reviewers: ['zhao', 'qian'], urgency: 7, 受理意见: '同意' });
    expect(host.openTasks(id)).toEqual(['Task_Feel']);
    expect(host.history(id, 'completed')).toEqual(['StartEvent_Submit', 'Task_Static']);
  });

  it('should evaluate FEEL assignee, candidate groups and users, and priority from the variables', async () => {
    // given
    const { host, id } = await startAtStaticTask();

    // when
    await host.complete(id, 'Task_Static', { owner: '李四', reviewers: ['zhao', 'qian'], urgency: 7 });

    // then
    const task = host.task(id, 'Task_Feel');
    expect(task.assignee).toBe('李四');
    expect(task.candidateGroups).toEqual(['rc', 'pm']);
    expect(task.candidateUsers).toEqual(['zhao', 'qian']);
    expect(task.priority).toBe(70);
    expect(task.formId).toBe('dispatch-form');
  });

  it('should count a 3-working-day due date past the National Day holidays', async () => {
    // given: 2026 notice: 10-01..10-07 off, 09-30 and 10-08 working days
    const { host, id } = await startAtStaticTask();

    // when
    await host.complete(id, 'Task_Static', { owner: '李四', reviewers: [], urgency: 5 });

    // then: 09-30 (1), 10-08 (2), 10-09 (3)
    const task = host.task(id, 'Task_Feel');
    expect(beijingDate(task.dueDate ?? '')).toBe('2026-10-09');
    expect(Date.parse(task.dueDate ?? '')).toBe(Date.parse('2026-10-09T10:00:00+08:00'));
    expect(task.warnings).toEqual([]);
    expect(Date.parse(task.followUpDate ?? '')).toBe(Date.parse('2026-10-01T10:00:00+08:00'));
  });

  it('should warn on a working-day due date computed into a year without holiday data', async () => {
    // given: an engine whose calendar has no year loaded
    const host = await RoundTripHost.deploy('user-task-assignment.bpmn', { now: BEFORE_NATIONAL_DAY, calendar: createWorkingCalendar([]) });
    const id = await host.start('user_task_assignment');

    // when
    await host.complete(id, 'Task_Static', { owner: '李四', reviewers: [], urgency: 5 });

    // then
    const task = host.task(id, 'Task_Feel');
    expect(task.dueDate).not.toBeNull();
    expect(task.warnings.join('\n')).toContain('2026');
  });

  it('should refuse to complete a task twice and leave the instance where it was', async () => {
    // given
    const { host, id } = await startAtStaticTask();
    const taskId = host.task(id, 'Task_Static').elementInstanceId;
    await host.completeById(taskId, { owner: '李四', reviewers: [], urgency: 1 });

    // when
    const again = host.completeById(taskId, { owner: '赵六' });

    // then
    await expect(again).rejects.toMatchObject({ code: 'WF_INVALID_COMMAND' });
    expect(host.openTasks(id)).toEqual(['Task_Feel']);
    expect(host.variables(id)['owner']).toBe('李四');
    expect(host.count(id, 'Task_Static', 'completed')).toBe(1);
  });

  it('should open a plain userTask without extensions with defaults', async () => {
    // given
    const { host, id } = await startAtStaticTask();
    await host.complete(id, 'Task_Static', { owner: '李四', reviewers: [], urgency: 1 });

    // when
    await host.complete(id, 'Task_Feel', { 派单结果: '已派维修班' });

    // then
    const task = host.task(id, 'Task_Plain');
    expect(task.name).toBe('处理');
    expect(task.assignee).toBeNull();
    expect(task.candidateGroups).toEqual([]);
    expect(task.candidateUsers).toEqual([]);
    expect(task.dueDate).toBeNull();
    expect(task.priority).toBe(50);
    expect(task.formId).toBeNull();

    // when
    await host.complete(id, 'Task_Plain');

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'entered')).toEqual(['StartEvent_Submit', 'Task_Static', 'Task_Feel', 'Task_Plain', 'EndEvent_Done']);
    expect(host.variables(id)).toMatchObject({ owner: '李四', 派单结果: '已派维修班' });
    expect(host.roundTrips).toBeGreaterThanOrEqual(5);
  });
});
