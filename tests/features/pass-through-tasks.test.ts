import { describe, expect, it } from 'vitest';
import { RoundTripHost } from './helpers/round-trip-host.js';

describe('plain task and manual task', () => {
  it('should pass through a plain task and a manual task without waiting', async () => {
    // given
    const host = await RoundTripHost.deploy('pass-through-tasks.bpmn');

    // when
    const id = await host.start('pass_through', { 地址: '3栋2单元' });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Callback']);
    expect(host.history(id, 'completed')).toEqual(['StartEvent_Submit', 'Task_Register', 'Task_Visit']);

    // when
    await host.complete(id, 'Task_Callback', { 满意: true });

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'entered')).toEqual(['StartEvent_Submit', 'Task_Register', 'Task_Visit', 'Task_Callback', 'EndEvent_Done']);
    expect(host.variables(id)).toEqual({ 地址: '3栋2单元', 满意: true });
  });
});
