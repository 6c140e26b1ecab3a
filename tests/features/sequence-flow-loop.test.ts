import { describe, expect, it } from 'vitest';
import { RoundTripHost } from './helpers/round-trip-host.js';

async function startComplaint(): Promise<{ host: RoundTripHost; id: string }> {
  const host = await RoundTripHost.deploy('complaint-loop.bpmn');
  host.registerWorker('dispatch', async () => ({ handler: 'li' }));
  const id = await host.start('complaint_loop', { 投诉内容: '楼道灯不亮' });
  await host.complete(id, 'Task_Accept');
  return { host, id };
}

describe('loops made of sequence flows', () => {
  it('should close the complaint when the resident is satisfied the first time', async () => {
    // given
    const { host, id } = await startComplaint();
    expect(host.task(id, 'Task_Handle').assignee).toBe('li');

    // when
    await host.complete(id, 'Task_Handle');
    await host.complete(id, 'Task_Callback', { satisfied: true });

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'entered')).toEqual([
      'StartEvent_Complaint', 'Task_Accept', 'Task_Dispatch', 'Task_Handle', 'Task_Callback', 'Gateway_Satisfied', 'EndEvent_Closed',
    ]);
  });

  it('should send an unsatisfied complaint back to handling at most twice, then escalate', async () => {
    // given
    const { host, id } = await startComplaint();

    // when: unsatisfied, first time
    await host.complete(id, 'Task_Handle');
    await host.complete(id, 'Task_Callback', { satisfied: false });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Handle']);
    expect(host.variables(id)['attempts']).toBe(1);

    // when: unsatisfied, second time
    await host.complete(id, 'Task_Handle');
    await host.complete(id, 'Task_Callback', { satisfied: false });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Handle']);
    expect(host.variables(id)['attempts']).toBe(2);

    // when: unsatisfied, third time
    await host.complete(id, 'Task_Handle');
    await host.complete(id, 'Task_Callback', { satisfied: false });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Escalate']);
    expect(host.task(id, 'Task_Escalate').candidateGroups).toEqual(['street']);
    expect(host.count(id, 'Task_Handle')).toBe(3);
    expect(host.count(id, 'Script_Count')).toBe(2);
    expect(host.count(id, 'Task_Dispatch')).toBe(1);

    // when
    await host.complete(id, 'Task_Escalate');

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'completed')).toContain('EndEvent_Escalated');
    expect(host.history(id, 'entered')).not.toContain('EndEvent_Closed');
  });

  it('should close after one round trip when the resident is satisfied the second time', async () => {
    // given
    const { host, id } = await startComplaint();
    await host.complete(id, 'Task_Handle');
    await host.complete(id, 'Task_Callback', { satisfied: false });

    // when
    await host.complete(id, 'Task_Handle');
    await host.complete(id, 'Task_Callback', { satisfied: true });

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.count(id, 'Task_Handle')).toBe(2);
    expect(host.count(id, 'Task_Callback', 'completed')).toBe(2);
    expect(host.variables(id)).toMatchObject({ attempts: 1, satisfied: true, handler: 'li' });
  });
});
