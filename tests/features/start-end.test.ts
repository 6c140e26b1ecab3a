import { describe, expect, it } from 'vitest';
import { RoundTripHost } from './helpers/round-trip-host.js';

describe('start and end events', () => {
  it('should run a none start straight to a none end and complete the instance', async () => {
    // given
    const host = await RoundTripHost.deploy('start-end-none.bpmn');

    // when
    const id = await host.start('start_end_none', { applicant: '张三' });

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'entered')).toEqual(['StartEvent_Submit', 'EndEvent_Done']);
    expect(host.history(id, 'completed')).toEqual(['StartEvent_Submit', 'EndEvent_Done']);
    expect(host.variables(id)).toEqual({ applicant: '张三' });
    expect(host.openTasks(id)).toEqual([]);
  });

  it('should stay active until the last of several end events is reached', async () => {
    // given
    const host = await RoundTripHost.deploy('several-end-events.bpmn');
    const id = await host.start('several_end_events');
    expect(host.openTasks(id)).toEqual(['Task_Accept', 'Task_Inform']);

    // when
    await host.complete(id, 'Task_Accept');

    // then
    expect(host.status(id)).toBe('active');
    expect(host.history(id, 'completed')).toContain('EndEvent_Accepted');
    expect(host.openTasks(id)).toEqual(['Task_Inform']);

    // when
    await host.complete(id, 'Task_Inform');

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.count(id, 'EndEvent_Accepted', 'completed')).toBe(1);
    expect(host.count(id, 'EndEvent_Informed', 'completed')).toBe(1);
  });

  it('should end the instance at a terminate end event and terminate the parallel branches still open', async () => {
    // given
    const host = await RoundTripHost.deploy('terminate-end.bpmn');
    const id = await host.start('terminate_end');
    expect(host.openTasks(id)).toEqual(['Task_Handle', 'Task_Withdraw']);
    expect(host.history(id, 'entered')).toContain('Task_Sms'); // its job waits: no worker yet

    // when
    await host.complete(id, 'Task_Withdraw', { withdrawn: true });

    // then: as in Zeebe, the instance completes and the siblings still open are terminated
    expect(host.status(id)).toBe('completed');
    expect(host.openTasks(id)).toEqual([]);
    expect(host.history(id, 'terminated').sort()).toEqual(['Task_Handle', 'Task_Sms']);
    expect(host.history(id, 'entered')).toContain('EndEvent_Terminate');
    expect(host.history(id, 'entered')).not.toContain('EndEvent_Handled');
    expect(host.history(id, 'entered')).not.toContain('EndEvent_Notified');

    // when a worker for the cancelled job turns up afterwards
    const calls: string[] = [];
    host.registerWorker('sms', async (job) => {
      calls.push(job.key);
    });
    await host.runUntilIdle();

    // then
    expect(calls).toEqual([]);
    expect(host.status(id)).toBe('completed');
  });

  it('should reach a none end instead when the terminating branch is not taken', async () => {
    // given
    const host = await RoundTripHost.deploy('terminate-end.bpmn');
    host.registerWorker('sms', async () => ({ smsSent: true }));
    const id = await host.start('terminate_end');

    // when
    await host.complete(id, 'Task_Withdraw', { withdrawn: false });

    // then
    expect(host.status(id)).toBe('active');
    expect(host.history(id, 'completed')).toContain('EndEvent_Kept');
    expect(host.openTasks(id)).toEqual(['Task_Handle']);

    // when
    await host.complete(id, 'Task_Handle');

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'terminated')).toEqual([]);
    expect(host.variables(id)).toMatchObject({ smsSent: true, withdrawn: false });
  });
});
