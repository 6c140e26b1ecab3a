import { describe, expect, it } from 'vitest';
import { EventsHost } from './helpers/events-host.js';

const MONDAY = Date.parse('2026-11-02T09:00:00+08:00');
const FIXTURES = ['signal-start.bpmn', 'signal-catch.bpmn', 'signal-throw.bpmn'];

describe('signal events', () => {
  it('should start an instance of the signal start process for each broadcast', async () => {
    // given
    const host = await EventsHost.deploy('signal-start.bpmn', { now: MONDAY });

    // when
    const first = await host.broadcastSignal('台风预警', { level: '橙色' });
    const second = await host.broadcastSignal('台风预警', { level: '红色' });

    // then
    expect(first.startedInstanceIds).toHaveLength(1);
    expect(second.startedInstanceIds).toHaveLength(1);
    const [a] = first.startedInstanceIds;
    expect(host.variables(a ?? '')).toEqual({ level: '橙色' });
    expect(host.openTasks(a ?? '')).toEqual(['Task_Inspect']);
    expect(host.engine.instanceIds()).toHaveLength(2);
  });

  it('should reach every waiting subscription in every instance once', async () => {
    // given: two activities, each waiting on the typhoon boundary and the all-clear catch
    const host = await EventsHost.deploy('signal-catch.bpmn', { now: MONDAY });
    const a = await host.start('signal_catch');
    const b = await host.start('signal_catch');
    expect(host.subscriptions(a)).toEqual(['Boundary_Typhoon', 'Catch_AllClear']);

    // when
    const result = await host.broadcastSignal('台风预警');

    // then: each instance's boundary took it once
    expect(result.triggered).toBe(2);
    for (const id of [a, b]) {
      expect(host.openTasks(id)).toEqual(['Task_Postpone']);
      expect(host.count(id, 'Boundary_Typhoon', 'completed')).toBe(1);
      expect(host.history(id, 'terminated')).toEqual(['Task_Prepare']);
      expect(host.subscriptions(id)).toEqual(['Catch_AllClear']);
    }

    // when
    await host.broadcastSignal('预警解除');

    // then: the all-clear branch waits at the join forever-after; the postponement task finishes the work
    await host.complete(a, 'Task_Postpone');
    expect(host.subscriptions(a)).toEqual([]);
    expect(host.count(a, 'Catch_AllClear', 'completed')).toBe(1);
  });

  it('should complete the event when the all-clear comes and the preparation is done', async () => {
    // given
    const host = await EventsHost.deploy('signal-catch.bpmn', { now: MONDAY });
    const id = await host.start('signal_catch');

    // when
    await host.broadcastSignal('预警解除', { clearedBy: '气象台' });
    await host.complete(id, 'Task_Prepare');

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.variables(id)).toEqual({ clearedBy: '气象台' });
    host.expectNothingOpen(id);
  });

  it('should broadcast from an intermediate throw and a signal end event to other processes', async () => {
    // given
    const host = await EventsHost.deploy(FIXTURES, { now: MONDAY });
    const waiting = await host.start('signal_catch');
    const thrower = await host.start('signal_throw');

    // when
    await host.complete(thrower, 'Task_Confirm');

    // then: the throw started a new inspection and interrupted the preparation
    expect(host.openTasks(waiting)).toEqual(['Task_Postpone']);
    const started = host.engine.instanceIds().filter((id) => id !== waiting && id !== thrower);
    expect(started).toHaveLength(1);
    expect(host.openTasks(started[0] ?? '')).toEqual(['Task_Inspect']);
    expect(host.openTasks(thrower)).toEqual(['Task_Watch']);

    // when
    await host.complete(thrower, 'Task_Watch');

    // then: the all-clear end event reached the waiting catch
    expect(host.status(thrower)).toBe('completed');
    expect(host.count(waiting, 'Catch_AllClear', 'completed')).toBe(1);
  });

  it('should let one parallel branch cancel its sibling through a signal, in either order', async () => {
    for (const [first, stopped] of [
      ['Task_Phone', 'Task_Visit'],
      ['Task_Visit', 'Task_Phone'],
    ] as const) {
      // given
      const host = await EventsHost.deploy('signal-cancels-sibling.bpmn', { now: MONDAY });
      const id = await host.start('signal_cancels_sibling', { caseNo: 'TS-9' });
      const bystander = await host.start('signal_cancels_sibling', { caseNo: 'TS-10' });

      // when
      await host.complete(id, first);

      // then
      expect(host.status(id)).toBe('completed');
      expect(host.history(id, 'terminated')).toEqual([stopped]);
      host.expectNothingOpen(id);
      // the signal name carries the case number: the other case is untouched
      expect(host.openTasks(bystander)).toEqual(['Task_Phone', 'Task_Visit']);
    }
  });

  it('should open a task per broadcast through a non-interrupting signal boundary and keep watching', async () => {
    // given
    const host = await EventsHost.deploy('signal-boundary-non-interrupting.bpmn', { now: MONDAY });
    const id = await host.start('signal_boundary_non_interrupting');

    // when
    await host.broadcastSignal('台风预警', { level: '蓝色' });
    await host.broadcastSignal('台风预警', { level: '黄色' });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Secure', 'Task_Secure', 'Task_Watch']);
    expect(host.subscriptions(id)).toEqual(['Boundary_Typhoon']);

    // when
    await host.complete(id, 'Task_Watch');

    // then: no more subscription; the open tasks finish the instance
    expect(host.subscriptions(id)).toEqual([]);
    const result = await host.broadcastSignal('台风预警');
    expect(result.triggered).toBe(0);
    for (const task of host.engine.userTasks({ instanceId: id })) await host.completeById(task.elementInstanceId);
    expect(host.status(id)).toBe('completed');
  });

  it('should trigger every subscription of the signal within one instance, each once', async () => {
    // given: both parallel tasks wait on the same signal
    const host = await EventsHost.deploy('signal-cancels-sibling.bpmn', { now: MONDAY });
    const id = await host.start('signal_cancels_sibling', { caseNo: 'TS-11' });

    // when: the signal comes from outside
    const result = await host.broadcastSignal('TS-11已联系上');

    // then
    expect(result.triggered).toBe(2);
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'terminated').sort()).toEqual(['Task_Phone', 'Task_Visit']);
    expect(host.count(id, 'End_PhoneStopped', 'completed')).toBe(1);
    expect(host.count(id, 'End_VisitStopped', 'completed')).toBe(1);
  });
});
