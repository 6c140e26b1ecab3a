import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, defaultCalendarYears } from '../../../engine/calendar/index.js';
import { BusinessError, InvalidCommandError, parseBpmn, step, type Command, type Effect, type InstanceState } from '../../../engine/index.js';
import { EventsHost, readFixture } from './helpers/events-host.js';

const MONDAY = Date.parse('2026-11-02T09:00:00+08:00');
const calendar = createWorkingCalendar([...defaultCalendarYears]);

/** Drives `step()` by hand, as a host would, round-tripping the state through JSON between commands. */
async function stepper(fixture: string, processId: string) {
  const model = await parseBpmn(readFixture(fixture));
  let next = 1;
  let state: InstanceState | null = null;
  const apply = (command: Command, now: number): Effect[] => {
    const result = step(model, state, command, { now, newId: () => `k${next++}`, calendar });
    state = JSON.parse(JSON.stringify(result.state)) as InstanceState;
    return result.effects;
  };
  const created = apply({ type: 'createInstance', processId }, MONDAY);
  return {
    created,
    apply,
    get state(): InstanceState {
      if (state === null) throw new Error('no state');
      return state;
    },
  };
}

function only<T extends Effect['type']>(effects: Effect[], type: T): Extract<Effect, { type: T }> {
  const found = effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
  expect(found).toHaveLength(1);
  return found[0] as Extract<Effect, { type: T }>;
}

describe('interplay of events', () => {
  describe('a boundary timer and its task completing at the same moment', () => {
    it('should let the task win when its completion is delivered first, and ignore the timer', async () => {
      // given
      const run = await stepper('timer-race.bpmn', 'timer_race');
      const task = only(run.created, 'userTask.created').task;
      const timer = only(run.created, 'timer.scheduled');
      expect(timer.dueAt).toBe(MONDAY + 2 * 3_600_000);

      // when: both at the due time, the completion first
      const completed = run.apply({ type: 'completeUserTask', elementInstanceId: task.elementInstanceId }, timer.dueAt);
      const before = JSON.stringify(run.state);
      const fired = run.apply({ type: 'fireTimer', subscriptionId: timer.subscriptionId, dueAt: timer.dueAt }, timer.dueAt);

      // then
      expect(completed).toContainEqual({ type: 'timer.cancelled', subscriptionId: timer.subscriptionId });
      expect(fired).toEqual([]);
      expect(JSON.stringify(run.state)).toBe(before);
      expect(run.state.status).toBe('completed');
      expect(Object.keys(run.state.subscriptions)).toEqual([]);
    });

    it('should let the timer win when it is delivered first, and refuse the late completion', async () => {
      // given
      const run = await stepper('timer-race.bpmn', 'timer_race');
      const task = only(run.created, 'userTask.created').task;
      const timer = only(run.created, 'timer.scheduled');

      // when
      const fired = run.apply({ type: 'fireTimer', subscriptionId: timer.subscriptionId, dueAt: timer.dueAt }, timer.dueAt);

      // then: the task is cancelled, the escalation task opens
      expect(fired).toContainEqual({ type: 'userTask.cancelled', elementInstanceId: task.elementInstanceId });
      const escalate = only(fired, 'userTask.created').task;
      expect(escalate.elementId).toBe('Task_Escalate');

      // when: the completion arrives in the same moment, after the timer
      const before = JSON.stringify(run.state);

      // then
      expect(() => run.apply({ type: 'completeUserTask', elementInstanceId: task.elementInstanceId }, timer.dueAt)).toThrow(InvalidCommandError);
      expect(JSON.stringify(run.state)).toBe(before);
      expect(Object.keys(run.state.subscriptions)).toEqual([]);
    });

    it('should leave no timer and no task behind in the host, either way', async () => {
      // given: the task completed one millisecond before the due time
      const host = await EventsHost.deploy('timer-race.bpmn', { now: MONDAY });
      const early = await host.start('timer_race');
      const late = await host.start('timer_race');
      await host.setTime(MONDAY + 2 * 3_600_000 - 1);
      await host.complete(early, 'Task_Answer');
      const lateTask = host.task(late, 'Task_Answer');

      // when: the due time comes
      await host.advance('PT0.001S');

      // then
      expect(host.status(early)).toBe('completed');
      host.expectNothingOpen(early);
      expect(host.openTasks(late)).toEqual(['Task_Escalate']);
      expect(host.timers(late)).toEqual([]);
      await expect(host.completeById(lateTask.elementInstanceId)).rejects.toThrow(InvalidCommandError);
      expect(host.history(late, 'terminated')).toEqual(['Task_Answer']);
    });
  });

  describe('timers delivered twice or late', () => {
    it('should treat a second delivery of the same cycle firing as a no-op', async () => {
      // given
      const run = await stepper('timer-boundary.bpmn', 'timer_boundary');
      const hourly = run.created.filter((e): e is Extract<Effect, { type: 'timer.scheduled' }> => e.type === 'timer.scheduled' && e.elementId === 'Boundary_Hourly');
      const [first] = hourly;
      if (!first) throw new Error('no hourly timer');

      // when
      const once = run.apply({ type: 'fireTimer', subscriptionId: first.subscriptionId, dueAt: first.dueAt }, first.dueAt);
      const state = JSON.stringify(run.state);
      const twice = run.apply({ type: 'fireTimer', subscriptionId: first.subscriptionId, dueAt: first.dueAt }, first.dueAt + 1000);

      // then: the first firing re-armed the cycle and started the reminder; the repeat did nothing
      expect(once.some((e) => e.type === 'job.created')).toBe(true);
      expect(once.filter((e) => e.type === 'timer.scheduled').map((e) => (e as { dueAt: number }).dueAt)).toEqual([first.dueAt + 3_600_000]);
      expect(twice).toEqual([]);
      expect(JSON.stringify(run.state)).toBe(state);
    });

    it('should ignore a timer whose element is gone', async () => {
      // given
      const run = await stepper('timer-boundary.bpmn', 'timer_boundary');
      const task = only(run.created, 'userTask.created').task;
      const timers = run.created.filter((e): e is Extract<Effect, { type: 'timer.scheduled' }> => e.type === 'timer.scheduled');
      expect(timers).toHaveLength(2);
      run.apply({ type: 'completeUserTask', elementInstanceId: task.elementInstanceId }, MONDAY + 60_000);
      expect(run.state.status).toBe('completed');

      // when
      for (const timer of timers) {
        for (let delivery = 0; delivery < 2; delivery++) {
          const effects = run.apply({ type: 'fireTimer', subscriptionId: timer.subscriptionId, dueAt: timer.dueAt }, timer.dueAt);

          // then
          expect(effects).toEqual([]);
        }
      }
      expect(run.state.status).toBe('completed');
    });

    it('should ignore a stale timer in an instance that is still running', async () => {
      // given: the interrupting event sub-process ended the task; the reminder cycle is gone
      const run = await stepper('timer-event-sub-process.bpmn', 'timer_event_sub_process');
      const [cycle, timeout] = ['Start_RemindCycle', 'Start_Timeout'].map((id) => run.created.find((e) => e.type === 'timer.scheduled' && e.elementId === id) as Extract<Effect, { type: 'timer.scheduled' }>);
      if (!cycle || !timeout) throw new Error('timers missing');
      run.apply({ type: 'fireTimer', subscriptionId: timeout.subscriptionId, dueAt: timeout.dueAt }, timeout.dueAt);
      expect(run.state.status).toBe('active');
      const state = JSON.stringify(run.state);

      // when
      const effects = run.apply({ type: 'fireTimer', subscriptionId: cycle.subscriptionId, dueAt: cycle.dueAt }, timeout.dueAt);

      // then
      expect(effects).toEqual([]);
      expect(JSON.stringify(run.state)).toBe(state);
    });
  });

  describe('an error thrown inside a multi-instance sub-process', () => {
    it('should terminate the sibling instances that already wait at their tasks', async () => {
      // given: two buildings pass and wait for a signature; the third has a hazard
      const host = await EventsHost.deploy('multi-instance-sub-process.bpmn');
      host.registerWorker('inspect', async (job) => {
        if (job.variables.building === '3栋') throw new BusinessError('UNSAFE', '外墙脱落');
        return { result: '合格' };
      });

      // when
      const id = await host.start('multi_instance_sub_process', { buildings: ['1栋', '2栋', '3栋'] });

      // then: every inner instance ended, the signature tasks with them; the body's outputs are dropped
      expect(host.openTasks(id)).toEqual(['Task_Rectify']);
      expect(host.count(id, 'Task_Sign', 'terminated')).toBe(2);
      // three inner instances and the multi-instance body
      expect(host.count(id, 'Sub_Building', 'terminated')).toBe(4);
      expect(host.count(id, 'Boundary_Failed', 'completed')).toBe(1);
      expect(host.variables(id)).not.toHaveProperty('results');
      expect(host.instance(id).incidents).toEqual([]);
      expect(host.jobs(id)).toEqual([]);
    });
  });

  describe('a message before and after its subscription', () => {
    it('should deliver the same way whether the message came before or after the catch opened', async () => {
      // given
      const host = await EventsHost.deploy('message-catch.bpmn', { now: MONDAY });
      const before = await host.start('message_catch', { caseNo: 'B-1' });
      const after = await host.start('message_catch', { caseNo: 'A-1' });

      // when
      const early = await host.publish('居民回复', 'B-1', { reply: '早' });
      await host.complete(before, 'Task_Ask');
      await host.complete(after, 'Task_Ask');
      const onTime = await host.publish('居民回复', 'A-1', { reply: '准时' });

      // then
      expect(early.buffered).toBe(true);
      expect(onTime.correlated).toEqual([{ instanceId: after, elementId: 'Catch_Reply' }]);
      expect(host.openTasks(before)).toEqual(['Task_Callback']);
      expect(host.openTasks(after)).toEqual(['Task_Callback']);
      expect(host.history(before)).toEqual(host.history(after));
    });
  });
});
