import { describe, expect, it } from 'vitest';
import { EventsHost } from './helpers/events-host.js';

const MONDAY = Date.parse('2026-11-02T09:00:00+08:00');

describe('event-based gateway', () => {
  it('should follow the message when it comes first and cancel the timer and the signal', async () => {
    // given
    const host = await EventsHost.deploy('event-based-gateway.bpmn', { now: MONDAY });
    const id = await host.start('event_based_gateway', { caseNo: 'EB-1' });
    expect(host.subscriptions(id)).toEqual(['Catch_Reply', 'Catch_Typhoon']);
    expect(host.timers(id)).toEqual(['Catch_Timeout']);

    // when
    await host.publish('居民回复', 'EB-1', { reply: '好的' });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Callback']);
    expect(host.subscriptions(id)).toEqual([]);
    expect(host.timers(id)).toEqual([]);

    // when: the others arrive later and change nothing
    await host.advance('P4D');
    await host.broadcastSignal('台风预警');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Callback']);
    expect(host.count(id, 'Catch_Timeout')).toBe(0);
    expect(host.count(id, 'Catch_Typhoon')).toBe(0);
  });

  it('should follow the timer when nothing else happened in 3 days', async () => {
    // given
    const host = await EventsHost.deploy('event-based-gateway.bpmn', { now: MONDAY });
    const id = await host.start('event_based_gateway', { caseNo: 'EB-2' });

    // when
    await host.advance('P3D');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Visit']);
    expect(host.subscriptions(id)).toEqual([]);

    // when: the late reply finds no subscription
    const late = await host.publish('居民回复', 'EB-2', {}, { timeToLive: 0 });

    // then
    expect(late.correlated).toEqual([]);
    await host.complete(id, 'Task_Visit');
    expect(host.status(id)).toBe('completed');
    host.expectNothingOpen(id);
  });

  it('should follow the signal when it comes first', async () => {
    // given
    const host = await EventsHost.deploy('event-based-gateway.bpmn', { now: MONDAY });
    const id = await host.start('event_based_gateway', { caseNo: 'EB-3' });

    // when
    await host.advance('P1D');
    await host.broadcastSignal('台风预警');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Postpone']);
    expect(host.timers(id)).toEqual([]);
    expect(host.subscriptions(id)).toEqual([]);
  });
});

describe('event-based gateway with a message that came first', () => {
  it('should take a buffered message as soon as the gateway opens, cancelling the timer at once', async () => {
    // given: the reply came before the notice was sent
    const host = await EventsHost.deploy('event-based-gateway.bpmn', { now: MONDAY });
    await host.publish('居民回复', 'EB-9', { reply: '早到的回复' });

    // when
    const id = await host.start('event_based_gateway', { caseNo: 'EB-9' });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Callback']);
    expect(host.timers(id)).toEqual([]);
    expect(host.subscriptions(id)).toEqual([]);
    expect(host.variables(id)).toMatchObject({ reply: '早到的回复' });
  });
});

describe('link events', () => {
  it('should continue at the catching link of the same name', async () => {
    // given
    const host = await EventsHost.deploy('link-events.bpmn');
    const id = await host.start('link_events');

    // when
    await host.complete(id, 'Task_Register');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Review']);
    expect(host.history(id, 'completed')).toEqual(['Start', 'Task_Register', 'Throw_ToReview', 'Catch_Review']);

    // when
    await host.complete(id, 'Task_Review');

    // then
    expect(host.status(id)).toBe('completed');
  });
});

describe('event sub-processes inside a sub-process', () => {
  it('should remind daily inside the sub-process only while the sub-process runs', async () => {
    // given
    const host = await EventsHost.deploy('event-sub-process-in-sub-process.bpmn', { now: MONDAY });
    const id = await host.start('event_sub_process_in_sub_process', { caseNo: 'ZG-1' });

    // when
    await host.advance('P2D');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Record', 'Task_Rectify', 'Task_Remind', 'Task_Remind']);

    // when
    await host.complete(id, 'Task_Rectify');

    // then: the non-interrupting event sub-processes still run, so the sub-process (and its cycle) waits for them, as in Zeebe
    expect(host.openTasks(id)).toEqual(['Task_Record', 'Task_Remind', 'Task_Remind']);
    expect(host.count(id, 'Sub_Rectify', 'completed')).toBe(0);

    // when
    await host.engine.userTasks({ instanceId: id, elementId: 'Task_Remind' }).reduce(async (prev, t) => {
      await prev;
      await host.completeById(t.elementInstanceId);
    }, Promise.resolve());
    await host.complete(id, 'Task_Record');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Accept']);
    expect(host.count(id, 'Sub_Rectify', 'completed')).toBe(1);
    expect(host.timers(id)).toEqual([]);
  });

  it('should end only the sub-process scope when its interrupting event sub-process starts', async () => {
    // given
    const host = await EventsHost.deploy('event-sub-process-in-sub-process.bpmn', { now: MONDAY });
    const id = await host.start('event_sub_process_in_sub_process', { caseNo: 'ZG-2' });
    await host.advance('P1D');
    expect(host.openTasks(id)).toEqual(['Task_Record', 'Task_Rectify', 'Task_Remind']);

    // when
    const result = await host.publish('撤销整改', 'ZG-2');

    // then: the rectification and its reminder end, the sibling branch outside does not
    expect(result.correlated).toEqual([{ instanceId: id, elementId: 'Start_Cancel' }]);
    expect(host.openTasks(id)).toEqual(['Task_Record']);
    expect(host.history(id, 'terminated')).toEqual(expect.arrayContaining(['Task_Rectify', 'Task_Remind']));
    expect(host.history(id, 'terminated')).not.toContain('Sub_Rectify');
    expect(host.count(id, 'Sub_Rectify', 'completed')).toBe(1);
    expect(host.timers(id)).toEqual([]);
    expect(host.subscriptions(id)).toEqual([]);

    // when
    await host.complete(id, 'Task_Record');
    await host.complete(id, 'Task_Accept');

    // then
    expect(host.status(id)).toBe('completed');
    host.expectNothingOpen(id);
  });
});
