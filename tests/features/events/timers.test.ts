import { describe, expect, it } from 'vitest';
import { beijingTime, EventsHost } from './helpers/events-host.js';

/** Wednesday 2026-09-30, 10:00 in Beijing: the last working day before the National Day week. */
const BEFORE_NATIONAL_DAY = Date.parse('2026-09-30T10:00:00+08:00');
/** Monday 2026-11-02, 09:00 in Beijing: an ordinary week. */
const MONDAY = Date.parse('2026-11-02T09:00:00+08:00');
const HOUR = 3_600_000;

describe('timer events', () => {
  describe('timer start event', () => {
    it('should start an instance each hour, three times, for a R3/PT1H cycle', async () => {
      // given
      const host = await EventsHost.deploy('timer-start-cycle.bpmn', { now: MONDAY });
      expect(host.engine.instanceIds()).toEqual([]);
      expect(host.timerDueTimes('Start_Hourly')).toEqual([MONDAY + HOUR]);

      // when
      await host.advance('PT1H');

      // then
      const [first] = host.engine.instanceIds();
      expect(host.engine.instanceIds()).toHaveLength(1);
      expect(host.openTasks(first ?? '')).toEqual(['Task_Patrol']);

      // when: two more hours, then a day
      await host.advance('PT1H');
      await host.advance('PT1H');
      await host.advance('P1D');

      // then: the cycle is spent after three
      expect(host.engine.instanceIds()).toHaveLength(3);
      expect(host.timers()).toEqual([]);
    });

    it('should replace the start timer of the previous version when the process is deployed again', async () => {
      // given
      const host = await EventsHost.deploy(['timer-start-cycle.bpmn', 'timer-start-cycle.bpmn'], { now: MONDAY });

      // then
      expect(host.timers()).toEqual(['Start_Hourly']);

      // when
      await host.advance('PT1H');

      // then
      expect(host.engine.instanceIds()).toHaveLength(1);
    });

    it('should start one instance at the date of a timeDate start event and never again', async () => {
      // given
      const host = await EventsHost.deploy('timer-start-date.bpmn', { now: BEFORE_NATIONAL_DAY });

      // when: the day before
      await host.setTime(Date.parse('2026-10-01T08:59:00+08:00'));

      // then
      expect(host.engine.instanceIds()).toEqual([]);

      // when
      await host.advance('PT1M');

      // then
      const ids = host.engine.instanceIds();
      expect(ids).toHaveLength(1);
      expect(host.openTasks(ids[0] ?? '')).toEqual(['Task_Check']);

      // when
      await host.advance('P7D');

      // then
      expect(host.engine.instanceIds()).toHaveLength(1);
      expect(host.timers()).toEqual([]);
    });
  });

  describe('intermediate timer catch event', () => {
    it('should wait a duration, a date from a variable and 5 working days past National Day', async () => {
      // given
      const host = await EventsHost.deploy('timer-catch.bpmn', { now: Date.parse('2026-09-30T08:00:00+08:00') });

      // when
      const id = await host.start('timer_catch', { visitAt: '2026-09-30T14:00:00+08:00' });

      // then
      expect(host.openTasks(id)).toEqual([]);
      expect(host.timerDueTimes('Catch_TwoHours')).toEqual([BEFORE_NATIONAL_DAY]);

      // when: one minute early
      await host.advance('PT1H59M');

      // then
      expect(host.openTasks(id)).toEqual([]);

      // when
      await host.advance('PT1M');

      // then
      expect(host.openTasks(id)).toEqual(['Task_First']);

      // when
      await host.complete(id, 'Task_First');

      // then: the date comes from the variable
      expect(host.timerDueTimes('Catch_Date')).toEqual([Date.parse('2026-09-30T14:00:00+08:00')]);

      // when
      await host.advance('PT4H');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Visit']);

      // when: completed at 14:00 on 09-30
      await host.complete(id, 'Task_Visit');

      // then: 10-01..10-07 off; 10-08 (1), 10-09 (2), Saturday 10-10 worked (3), 10-12 (4), 10-13 (5)
      const [due] = host.timerDueTimes('Catch_WorkingDays');
      expect(beijingTime(due ?? 0)).toBe('2026-10-13T14:00');

      // when
      await host.setTime(Date.parse('2026-10-13T13:59:00+08:00'));

      // then
      expect(host.openTasks(id)).toEqual([]);

      // when
      await host.advance('PT1M');
      await host.complete(id, 'Task_Remind');

      // then
      expect(host.status(id)).toBe('completed');
      expect(host.history(id, 'completed')).toEqual([
        'Start_Case', 'Catch_TwoHours', 'Task_First', 'Catch_Date', 'Task_Visit', 'Catch_WorkingDays', 'Task_Remind', 'End_Done',
      ]);
    });

    it('should fire a date already in the past at once', async () => {
      // given
      const host = await EventsHost.deploy('timer-catch.bpmn', { now: BEFORE_NATIONAL_DAY });
      const id = await host.start('timer_catch', { visitAt: '2026-09-01T09:00:00+08:00' });
      await host.advance('PT2H');

      // when
      await host.complete(id, 'Task_First');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Visit']);
    });
  });

  describe('timer boundary events', () => {
    it('should remind each hour with a non-interrupting R/PT1H cycle until the task ends', async () => {
      // given
      const host = await EventsHost.deploy('timer-boundary.bpmn', { now: MONDAY });
      const reminded: number[] = [];
      host.registerWorker('remind', async () => {
        reminded.push(host.now());
      });
      const id = await host.start('timer_boundary');

      // when
      await host.advance('PT3H30M');

      // then: three reminders, the task still open, the cycle re-armed for 13:00
      expect(reminded.map(beijingTime)).toEqual(['2026-11-02T10:00', '2026-11-02T11:00', '2026-11-02T12:00']);
      expect(host.openTasks(id)).toEqual(['Task_Handle']);
      expect(host.count(id, 'End_Reminded', 'completed')).toBe(3);
      expect(host.timerDueTimes('Boundary_Hourly')).toEqual([MONDAY + 4 * HOUR]);

      // when
      await host.complete(id, 'Task_Handle');
      await host.advance('P2D');

      // then
      expect(reminded).toHaveLength(3);
      expect(host.status(id)).toBe('completed');
      host.expectNothingOpen(id);
      expect(host.history(id, 'terminated')).toEqual([]);
    });

    it('should take the interrupting P1D boundary, end the task and stop the hourly cycle', async () => {
      // given
      const host = await EventsHost.deploy('timer-boundary.bpmn', { now: MONDAY });
      let reminders = 0;
      host.registerWorker('remind', async () => {
        reminders += 1;
      });
      const id = await host.start('timer_boundary');

      // when
      await host.advance('P1D');

      // then: 24 hourly reminders ran up to the due time; at the same moment the boundary ends the task
      expect(host.openTasks(id)).toEqual(['Task_Supervise']);
      expect(host.history(id, 'terminated')).toEqual(['Task_Handle']);
      expect(host.timers(id)).toEqual([]);
      const afterDay = reminders;
      // hours 1..23, and the 24th only if the cycle firing due with the deadline happened to go first
      expect([23, 24]).toContain(afterDay);

      // when
      await host.advance('PT5H');
      await host.complete(id, 'Task_Supervise');

      // then
      expect(reminders).toBe(afterDay);
      expect(host.status(id)).toBe('completed');
      host.expectNothingOpen(id);
    });
  });

  describe('timer event sub-process', () => {
    it('should remind twice through a non-interrupting R2/PT1H start and leave the task open', async () => {
      // given
      const host = await EventsHost.deploy('timer-event-sub-process.bpmn', { now: MONDAY });
      let reminders = 0;
      host.registerWorker('remind', async () => {
        reminders += 1;
      });
      const id = await host.start('timer_event_sub_process');

      // when
      await host.advance('PT5H');

      // then
      expect(reminders).toBe(2);
      expect(host.count(id, 'EventSub_Remind', 'completed')).toBe(2);
      expect(host.openTasks(id)).toEqual(['Task_Repair']);
      expect(host.timers(id)).toEqual(['Start_Timeout']);

      // when
      await host.complete(id, 'Task_Repair');

      // then
      expect(host.status(id)).toBe('completed');
      host.expectNothingOpen(id);
    });

    it('should interrupt the process after P1D, ending the task and the reminder cycle', async () => {
      // given
      const host = await EventsHost.deploy('timer-event-sub-process.bpmn', { now: MONDAY });
      host.registerWorker('remind', async () => {});
      const id = await host.start('timer_event_sub_process');

      // when
      await host.advance('P1D');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Supervise']);
      expect(host.history(id, 'terminated')).toContain('Task_Repair');
      expect(host.timers(id)).toEqual([]);

      // when
      await host.complete(id, 'Task_Supervise');

      // then
      expect(host.status(id)).toBe('completed');
      host.expectNothingOpen(id);
    });
  });

  describe('cycles with a start date, cron and FEEL due dates', () => {
    it('should start R3 daily instances from the cycle\'s start date, none before', async () => {
      // given
      const host = await EventsHost.deploy('timer-start-cycle-from-date.bpmn', { now: BEFORE_NATIONAL_DAY });

      // when
      await host.setTime(Date.parse('2026-10-08T08:59:00+08:00'));

      // then
      expect(host.engine.instanceIds()).toEqual([]);

      // when
      await host.setTime(Date.parse('2026-10-12T00:00:00+08:00'));

      // then
      expect(host.engine.instanceIds()).toHaveLength(3);
      expect(host.timers()).toEqual([]);
    });

    it('should remind on weekday mornings by cron until the 3-working-day deadline past National Day', async () => {
      // given: Wednesday 09-30, 10:00
      const host = await EventsHost.deploy('timer-cron-boundary.bpmn', { now: BEFORE_NATIONAL_DAY });
      const reminded: string[] = [];
      host.registerWorker('remind', async () => {
        reminded.push(beijingTime(host.now()));
      });
      const id = await host.start('timer_cron_boundary');

      // then: 10-08 (1), 10-09 (2), Saturday 10-10 is a working day (3)
      expect(host.timerDueTimes('Boundary_Deadline').map(beijingTime)).toEqual(['2026-10-10T10:00']);

      // when
      await host.setTime(Date.parse('2026-10-12T09:30:00+08:00'));

      // then: cron knows weekdays, not holidays; it stops with the task at the deadline
      expect(reminded).toEqual([
        '2026-10-01T09:00', '2026-10-02T09:00', '2026-10-05T09:00', '2026-10-06T09:00', '2026-10-07T09:00', '2026-10-08T09:00', '2026-10-09T09:00',
      ]);
      expect(host.openTasks(id)).toEqual(['Task_Supervise']);
      expect(host.timers(id)).toEqual([]);
    });
  });

  describe('timer boundary on a sub-process', () => {
    it('should end everything inside the sub-process when its deadline passes: job, task, message and timer', async () => {
      // given: the repair job has no worker, the callback task opens after 12 hours
      const host = await EventsHost.deploy('timer-boundary-sub-process.bpmn', { now: MONDAY });
      const id = await host.start('timer_boundary_sub_process', { caseNo: 'XQ-1' });
      await host.advance('PT12H');
      expect(host.openTasks(id)).toEqual(['Task_Callback']);
      expect(host.jobs(id)).toEqual(['Task_Repair']);
      expect(host.subscriptions(id)).toEqual(['Catch_Reply']);

      // when
      await host.advance('PT12H');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Supervise']);
      expect(host.jobs(id)).toEqual([]);
      expect(host.subscriptions(id)).toEqual([]);
      expect(host.timers(id)).toEqual([]);
      expect(host.history(id, 'terminated').sort()).toEqual(['Catch_Reply', 'Sub_Case', 'Task_Callback', 'Task_Repair']);

      // when: the late reply and a late worker find nothing
      const late = await host.publish('居民回复', 'XQ-1', {}, { timeToLive: 0 });
      host.registerWorker('repair', async () => {
        throw new Error('不应再调用');
      });
      await host.runUntilIdle();

      // then
      expect(late.correlated).toEqual([]);
      await host.complete(id, 'Task_Supervise');
      expect(host.status(id)).toBe('completed');
    });

    it('should leave nothing open when the instance is cancelled while everything waits', async () => {
      // given
      const host = await EventsHost.deploy('timer-boundary-sub-process.bpmn', { now: MONDAY });
      const id = await host.start('timer_boundary_sub_process', { caseNo: 'XQ-2' });
      await host.advance('PT13H');

      // when
      await host.cancel(id);

      // then
      expect(host.status(id)).toBe('terminated');
      host.expectNothingOpen(id);
      expect(host.engine.pendingTimers()).toEqual([]);
    });
  });

  describe('FEEL timer expressions', () => {
    it('should accept a FEEL duration value, a duration text from a variable and a cycle built in FEEL', async () => {
      // given
      const host = await EventsHost.deploy('timer-feel.bpmn', { now: MONDAY });
      let reminders = 0;
      host.registerWorker('remind', async () => {
        reminders += 1;
      });
      const id = await host.start('timer_feel', { waitFor: 'PT30M', interval: 'PT1H' });

      // then
      expect(host.timerDueTimes('Catch_DurationValue')).toEqual([MONDAY + 2 * HOUR]);

      // when
      await host.advance('PT2H');

      // then
      expect(host.timerDueTimes('Catch_DurationText')).toEqual([MONDAY + 2.5 * HOUR]);

      // when
      await host.advance('PT30M');
      await host.advance('PT5H');

      // then: R2 — two reminders only
      expect(host.openTasks(id)).toEqual(['Task_Handle']);
      expect(reminders).toBe(2);
      expect(host.timers(id)).toEqual([]);
    });

    it('should raise an incident on the catch event when the FEEL timer is not a duration', async () => {
      // given
      const host = await EventsHost.deploy('timer-feel.bpmn', { now: MONDAY });
      const id = await host.start('timer_feel', { waitFor: '三十分钟', interval: 'PT1H' });

      // when
      await host.advance('PT2H');

      // then
      expect(host.instance(id).incidents).toMatchObject([{ elementId: 'Catch_DurationText' }]);
      expect(host.timers(id)).toEqual([]);
    });
  });
});
