import { describe, expect, it } from 'vitest';
import { RoundTripHost } from './helpers/round-trip-host.js';

async function acceptWith(variables: Record<string, string>): Promise<{ host: RoundTripHost; id: string }> {
  const host = await RoundTripHost.deploy('exclusive-gateway.bpmn');
  const id = await host.start('exclusive_routing');
  await host.complete(id, 'Task_Accept', variables);
  return { host, id };
}

describe('exclusive gateway', () => {
  it('should take the flow whose condition holds', async () => {
    // given / when
    const { host, id } = await acceptWith({ urgency: 'high' });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Urgent']);
    expect(host.history(id, 'entered')).not.toContain('Task_Normal');
    expect(host.history(id, 'entered')).not.toContain('Task_Triage');
  });

  it('should take the other conditional flow for other values', async () => {
    // given / when
    const { host, id } = await acceptWith({ urgency: 'low' });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Normal']);
  });

  it('should take the default flow when no condition holds', async () => {
    // given / when
    const { host, id } = await acceptWith({ urgency: 'unknown' });

    // then
    expect(host.openTasks(id)).toEqual(['Task_Triage']);
    expect(host.instance(id).incidents).toEqual([]);
  });

  it('should merge the chosen branch and continue once to the end', async () => {
    // given
    const { host, id } = await acceptWith({ urgency: 'high' });

    // when
    await host.complete(id, 'Task_Urgent');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Callback']);

    // when
    await host.complete(id, 'Task_Callback');

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.history(id, 'entered')).toEqual([
      'StartEvent_Report', 'Task_Accept', 'Gateway_Urgency', 'Task_Urgent', 'Gateway_Merge', 'Task_Callback', 'EndEvent_Done',
    ]);
  });

  it('should raise an incident, not crash, when no condition holds and there is no default flow', async () => {
    // given
    const host = await RoundTripHost.deploy('exclusive-no-default.bpmn');
    const id = await host.start('exclusive_no_default');

    // when
    await host.complete(id, 'Task_Fill', { amount: 0 });

    // then
    expect(host.status(id)).toBe('active');
    expect(host.openTasks(id)).toEqual([]);
    const incidents = host.instance(id).incidents;
    expect(incidents.map((i) => [i.elementId, i.kind])).toEqual([['Gateway_Amount', 'CONDITION_ERROR']]);
    expect(incidents[0]?.message).toBeTruthy();
  });

  it('should continue after the variable is fixed and the incident resolved', async () => {
    // given
    const host = await RoundTripHost.deploy('exclusive-no-default.bpmn');
    const id = await host.start('exclusive_no_default');
    await host.complete(id, 'Task_Fill', { amount: 0 });
    const [incident] = host.instance(id).incidents;

    // when
    await host.setVariables(id, { amount: 800 });
    await host.resolveIncident(incident?.id ?? '');

    // then
    expect(host.instance(id).incidents).toEqual([]);
    expect(host.openTasks(id)).toEqual(['Task_Community']);

    // when
    await host.complete(id, 'Task_Community');

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.count(id, 'Gateway_Amount', 'completed')).toBe(1);
  });

  it('should pass every token through an exclusive merge: the task after it runs once per token', async () => {
    // given
    const host = await RoundTripHost.deploy('exclusive-merge.bpmn');
    const id = await host.start('exclusive_merge');
    expect(host.openTasks(id)).toEqual(['Task_Clean', 'Task_Repair']);

    // when
    await host.complete(id, 'Task_Repair');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Callback', 'Task_Clean']);
    expect(host.variables(id)['visits']).toBe(1);

    // when
    await host.complete(id, 'Task_Clean');

    // then
    expect(host.openTasks(id)).toEqual(['Task_Callback', 'Task_Callback']);
    expect(host.variables(id)['visits']).toBe(2);

    // when
    expect(await host.completeAll(id, 'Task_Callback')).toBe(2);

    // then
    expect(host.status(id)).toBe('completed');
    expect(host.count(id, 'Script_Count')).toBe(2);
    expect(host.count(id, 'EndEvent_Done', 'completed')).toBe(2);
  });
});
