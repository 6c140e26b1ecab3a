import { describe, expect, it } from 'vitest';
import type { JobData } from '../../../engine/index.js';
import { EventsHost } from './helpers/events-host.js';

const MONDAY = Date.parse('2026-11-02T09:00:00+08:00');

describe('message events', () => {
  describe('message start event', () => {
    it('should start a new instance for each message, with its variables', async () => {
      // given
      const host = await EventsHost.deploy('message-start.bpmn', { now: MONDAY });

      // when
      const first = await host.publish('居民报修', 'R-1', { address: '3栋2单元' });
      const second = await host.publish('居民报修', 'R-2', { address: '7栋1单元' });

      // then
      expect(first.startedInstanceIds).toHaveLength(1);
      expect(second.startedInstanceIds).toHaveLength(1);
      expect(first.buffered).toBe(false);
      const [a] = first.startedInstanceIds;
      const [b] = second.startedInstanceIds;
      expect(a).not.toBe(b);
      expect(host.variables(a ?? '')).toEqual({ address: '3栋2单元' });
      expect(host.variables(b ?? '')).toEqual({ address: '7栋1单元' });
      expect(host.openTasks(a ?? '')).toEqual(['Task_Accept']);
      expect(host.history(a ?? '')).toEqual(['Start_Report', 'Task_Accept']);
    });
  });

  describe('intermediate message catch event', () => {
    it('should wait for the message with its correlation key and merge its variables', async () => {
      // given
      const host = await EventsHost.deploy('message-catch.bpmn', { now: MONDAY });
      const id = await host.start('message_catch', { caseNo: 'TS-101' });
      const other = await host.start('message_catch', { caseNo: 'TS-102' });
      await host.complete(id, 'Task_Ask');
      await host.complete(other, 'Task_Ask');
      expect(host.subscriptions(id)).toEqual(['Catch_Reply']);

      // when
      const result = await host.publish('居民回复', 'TS-101', { reply: '已经修好了' });

      // then: only the instance with that key moves
      expect(result).toEqual({ correlated: [{ instanceId: id, elementId: 'Catch_Reply' }], startedInstanceIds: [], buffered: false, duplicate: false });
      expect(host.openTasks(id)).toEqual(['Task_Callback']);
      expect(host.variables(id)).toEqual({ caseNo: 'TS-101', reply: '已经修好了' });
      expect(host.openTasks(other)).toEqual([]);
      expect(host.subscriptions(other)).toEqual(['Catch_Reply']);
      expect(host.subscriptions(id)).toEqual([]);

      // when
      await host.complete(id, 'Task_Callback');

      // then
      expect(host.status(id)).toBe('completed');
    });

    it('should evaluate the correlation key when the subscription opens, not when the message comes', async () => {
      // given
      const host = await EventsHost.deploy('message-catch.bpmn', { now: MONDAY });
      const id = await host.start('message_catch', { caseNo: 'TS-201' });
      await host.complete(id, 'Task_Ask');

      // when: the key variable changes while waiting
      await host.engine.setVariables(id, { caseNo: 'TS-999' });
      await host.roundTrip();
      const byNewKey = await host.publish('居民回复', 'TS-999', {}, { timeToLive: 0 });
      const byOldKey = await host.publish('居民回复', 'TS-201');

      // then
      expect(byNewKey.correlated).toEqual([]);
      expect(byOldKey.correlated).toEqual([{ instanceId: id, elementId: 'Catch_Reply' }]);
      expect(host.openTasks(id)).toEqual(['Task_Callback']);
    });

    it('should keep a message that matches nothing for its time to live and deliver it to a later subscription', async () => {
      // given: the reply arrives before the instance waits for it
      const host = await EventsHost.deploy('message-catch.bpmn', { now: MONDAY });
      const id = await host.start('message_catch', { caseNo: 'TS-301' });

      // when
      const early = await host.publish('居民回复', 'TS-301', { reply: '先回复了' });

      // then
      expect(early).toEqual({ correlated: [], startedInstanceIds: [], buffered: true, duplicate: false });

      // when: the subscription opens 59 minutes later (default TTL one hour)
      await host.advance('PT59M');
      await host.complete(id, 'Task_Ask');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Callback']);
      expect(host.variables(id)).toMatchObject({ reply: '先回复了' });
      expect(host.subscriptions(id)).toEqual([]);
    });

    it('should drop a buffered message once its time to live has passed', async () => {
      // given
      const host = await EventsHost.deploy('message-catch.bpmn', { now: MONDAY });
      const id = await host.start('message_catch', { caseNo: 'TS-302' });
      await host.publish('居民回复', 'TS-302', { reply: '太早了' });

      // when: the subscription opens after the default hour
      await host.advance('PT1H1M');
      await host.complete(id, 'Task_Ask');

      // then
      expect(host.openTasks(id)).toEqual([]);
      expect(host.subscriptions(id)).toEqual(['Catch_Reply']);
      expect(host.variables(id)).not.toHaveProperty('reply');
    });

    it('should honour a custom time to live', async () => {
      // given
      const host = await EventsHost.deploy('message-catch.bpmn', { now: MONDAY });
      const id = await host.start('message_catch', { caseNo: 'TS-303' });
      await host.publish('居民回复', 'TS-303', { reply: '三天内有效' }, { timeToLive: 'P3D' });

      // when
      await host.advance('P2D');
      await host.complete(id, 'Task_Ask');

      // then
      expect(host.openTasks(id)).toEqual(['Task_Callback']);
    });

    it('should ignore a message whose id was already published', async () => {
      // given
      const host = await EventsHost.deploy('message-catch.bpmn', { now: MONDAY });
      const id = await host.start('message_catch', { caseNo: 'TS-401' });
      const first = await host.publish('居民回复', 'TS-401', { reply: '一次' }, { messageId: 'wx-77' });
      expect(first.buffered).toBe(true);

      // when: the same message again (a retrying gateway)
      const again = await host.publish('居民回复', 'TS-401', { reply: '两次' }, { messageId: 'wx-77' });
      await host.complete(id, 'Task_Ask');

      // then: only the first was delivered
      expect(again).toEqual({ correlated: [], startedInstanceIds: [], buffered: false, duplicate: true });
      expect(host.variables(id)).toMatchObject({ reply: '一次' });
      await host.complete(id, 'Task_Callback');
      expect(host.status(id)).toBe('completed');
    });

    it('should deliver a message to a subscription open in each matching instance once', async () => {
      // given: two instances wait for the same key
      const host = await EventsHost.deploy('message-catch.bpmn', { now: MONDAY });
      const a = await host.start('message_catch', { caseNo: 'TS-500' });
      const b = await host.start('message_catch', { caseNo: 'TS-500' });
      await host.complete(a, 'Task_Ask');
      await host.complete(b, 'Task_Ask');

      // when
      const result = await host.publish('居民回复', 'TS-500');

      // then
      expect([...result.correlated].map((c) => c.instanceId).sort()).toEqual([a, b].sort());
      expect(host.openTasks(a)).toEqual(['Task_Callback']);
      expect(host.openTasks(b)).toEqual(['Task_Callback']);
    });
  });

  describe('receive task', () => {
    it('should wait in the receive task until the letter arrives', async () => {
      // given
      const host = await EventsHost.deploy('receive-task.bpmn', { now: MONDAY });
      const id = await host.start('receive_task', { caseNo: 'DB-7' });
      expect(host.subscriptions(id)).toEqual(['Receive_Letter']);

      // when
      const result = await host.publish('物业回函', 'DB-7', { letter: '已安排维修' });

      // then
      expect(result.correlated).toEqual([{ instanceId: id, elementId: 'Receive_Letter' }]);
      expect(host.openTasks(id)).toEqual(['Task_Review']);
      expect(host.variables(id)).toEqual({ caseNo: 'DB-7', letter: '已安排维修' });
      expect(host.history(id, 'completed')).toEqual(['Start_Case', 'Receive_Letter']);
    });
  });

  describe('message boundary events', () => {
    it('should record each supplement through the non-interrupting boundary and keep the task', async () => {
      // given
      const host = await EventsHost.deploy('message-boundary.bpmn', { now: MONDAY });
      const notes: unknown[] = [];
      host.registerWorker('note', async (job: JobData) => {
        notes.push(job.variables.note);
      });
      const id = await host.start('message_boundary', { caseNo: 'TS-601' });

      // when
      await host.publish('居民补充', 'TS-601', { note: '楼上也漏水' });
      await host.publish('居民补充', 'TS-601', { note: '晚上8点后在家' });

      // then
      expect(notes).toEqual(['楼上也漏水', '晚上8点后在家']);
      expect(host.openTasks(id)).toEqual(['Task_Handle']);
      expect(host.subscriptions(id)).toEqual(['Boundary_Supplement', 'Boundary_Withdraw']);

      // when
      await host.complete(id, 'Task_Handle');

      // then
      expect(host.status(id)).toBe('completed');
      host.expectNothingOpen(id);
    });

    it('should end the task when the resident withdraws through the interrupting boundary', async () => {
      // given
      const host = await EventsHost.deploy('message-boundary.bpmn', { now: MONDAY });
      const id = await host.start('message_boundary', { caseNo: 'TS-602' });

      // when
      const result = await host.publish('居民撤诉', 'TS-602', { reason: '自行解决' });

      // then
      expect(result.correlated).toEqual([{ instanceId: id, elementId: 'Boundary_Withdraw' }]);
      expect(host.status(id)).toBe('completed');
      expect(host.history(id, 'terminated')).toEqual(['Task_Handle']);
      expect(host.history(id, 'completed')).toContain('End_Withdrawn');
      expect(host.variables(id)).toMatchObject({ reason: '自行解决' });
      host.expectNothingOpen(id);
    });
  });

  describe('message event sub-process', () => {
    it('should open a task per supplement without interrupting, and end everything on withdrawal', async () => {
      // given
      const host = await EventsHost.deploy('message-event-sub-process.bpmn', { now: MONDAY });
      const id = await host.start('message_event_sub_process', { caseNo: 'TS-701' });

      // when
      await host.publish('居民补充', 'TS-701', { note: '门牌是702' });
      await host.publish('居民补充', 'TS-701', { note: '下午在家' });

      // then
      expect(host.openTasks(id)).toEqual(['Task_Handle', 'Task_ReadNote', 'Task_ReadNote']);

      // when
      await host.publish('居民撤诉', 'TS-701');

      // then: the whole process scope (task and open supplements) ends; only the archive task remains
      expect(host.openTasks(id)).toEqual(['Task_Archive']);
      expect(host.history(id, 'terminated').sort()).toEqual(['EventSub_Supplement', 'EventSub_Supplement', 'Task_Handle', 'Task_ReadNote', 'Task_ReadNote'].sort());
      expect(host.subscriptions(id)).toEqual([]);

      // when
      await host.complete(id, 'Task_Archive');

      // then
      expect(host.status(id)).toBe('completed');
      host.expectNothingOpen(id);
    });
  });

  describe('message throw events as jobs', () => {
    it('should create a job for the intermediate throw and for the end event', async () => {
      // given
      const host = await EventsHost.deploy('message-throw-job.bpmn', { now: MONDAY });
      const sent: string[] = [];
      const id = await host.start('message_throw_job', { phone: '138****0000' });

      // then: no worker yet, the throw event waits for its job
      expect(host.jobs(id)).toEqual(['Throw_Notify']);

      // when
      host.registerWorker('sms', async (job) => {
        sent.push(`sms:${String(job.variables.phone)}`);
        return { smsSent: true };
      });
      host.registerWorker('notify-street', async () => {
        sent.push('street');
      });
      await host.runUntilIdle();

      // then
      expect(sent).toEqual(['sms:138****0000']);
      expect(host.openTasks(id)).toEqual(['Task_Confirm']);

      // when
      await host.complete(id, 'Task_Confirm');

      // then
      expect(sent).toEqual(['sms:138****0000', 'street']);
      expect(host.status(id)).toBe('completed');
      expect(host.variables(id)).toMatchObject({ smsSent: true });
    });
  });

  describe('one message, one subscription per instance', () => {
    it('should correlate a message to only one of two subscriptions in the same instance', async () => {
      // given
      const host = await EventsHost.deploy('message-twice-in-one-instance.bpmn', { now: MONDAY });
      const id = await host.start('message_twice', { caseNo: 'TW-1' });
      expect(host.subscriptions(id)).toEqual(['Catch_A', 'Catch_B']);

      // when
      const first = await host.publish('居民回复', 'TW-1', { floor: '楼上' });

      // then
      expect(first.correlated).toHaveLength(1);
      expect(host.subscriptions(id)).toHaveLength(1);
      expect(host.status(id)).toBe('active');

      // when
      const second = await host.publish('居民回复', 'TW-1', { floor: '楼下' });

      // then
      expect(second.correlated).toHaveLength(1);
      expect(host.status(id)).toBe('completed');
      expect(host.variables(id)).toMatchObject({ floor: '楼下' });
    });
  });

  describe('a correlation key that cannot be read', () => {
    it('should raise an incident on the catch event instead of subscribing with no key', async () => {
      // given: the case number is missing
      const host = await EventsHost.deploy('message-catch.bpmn', { now: MONDAY });
      const id = await host.start('message_catch');

      // when
      await host.complete(id, 'Task_Ask');

      // then
      expect(host.subscriptions(id)).toEqual([]);
      expect(host.instance(id).incidents).toMatchObject([{ elementId: 'Catch_Reply' }]);

      // when: the variable is set and the incident resolved
      await host.engine.setVariables(id, { caseNo: 'TS-900' });
      await host.roundTrip();
      await host.resolveIncident(host.instance(id).incidents[0]?.id ?? '');
      const result = await host.publish('居民回复', 'TS-900');

      // then
      expect(result.correlated).toEqual([{ instanceId: id, elementId: 'Catch_Reply' }]);
      expect(host.openTasks(id)).toEqual(['Task_Callback']);
    });
  });
});
