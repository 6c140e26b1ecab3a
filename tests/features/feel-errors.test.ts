import { describe, expect, it } from 'vitest';
import { RoundTripHost } from './helpers/round-trip-host.js';

async function fillWith(variables: Record<string, string | boolean>): Promise<{ host: RoundTripHost; id: string }> {
  const host = await RoundTripHost.deploy('feel-condition-error.bpmn');
  const id = await host.start('feel_condition_error');
  await host.complete(id, 'Task_Fill', variables);
  return { host, id };
}

describe('FEEL condition errors', () => {
  it('should raise an incident naming the gateway and the flow when a condition is not a boolean', async () => {
    // given / when: a text answer where the condition expects true or false
    const { host, id } = await fillWith({ urgent: '是', floor: '3' });

    // then
    expect(host.status(id)).toBe('active');
    expect(host.openTasks(id)).toEqual([]);
    const incidents = host.instance(id).incidents;
    expect(incidents.map((i) => [i.elementId, i.kind])).toEqual([['Gateway_Route', 'CONDITION_ERROR']]);
    expect(incidents[0]?.message).toContain('Flow_Urgent');
    expect(host.history(id, 'completed')).not.toContain('Gateway_Route');
  });

  it('should take the right flow after the variable is corrected and the incident resolved', async () => {
    // given
    const { host, id } = await fillWith({ urgent: '是', floor: '3' });
    const [incident] = host.instance(id).incidents;

    // when
    await host.setVariables(id, { urgent: true });
    await host.resolveIncident(incident?.id ?? '');

    // then
    expect(host.instance(id).incidents).toEqual([]);
    expect(host.openTasks(id)).toEqual(['Task_Urgent']);

    // when
    await host.complete(id, 'Task_Urgent');

    // then
    expect(host.status(id)).toBe('completed');
  });

  it('should raise an incident naming the flow when a function in a condition fails', async () => {
    // given / when: number("十二楼") has no value, so the condition is neither true nor false
    const { host, id } = await fillWith({ urgent: false, floor: '十二楼' });

    // then: Zeebe's rule: a condition that is not a boolean (null included) is an incident
    expect(host.openTasks(id)).toEqual([]);
    const incidents = host.instance(id).incidents;
    expect(incidents.map((i) => i.elementId)).toEqual(['Gateway_Route']);
    expect(incidents[0]?.message).toContain('Flow_HighRise');
  });

  it('should raise an incident when a condition reads a variable that does not exist', async () => {
    // given / when: `urgent` was never set
    const { host, id } = await fillWith({ floor: '3' });

    // then
    expect(host.openTasks(id)).toEqual([]);
    expect(host.instance(id).incidents[0]?.message).toContain('Flow_Urgent');
  });

  it('should evaluate FEEL function calls in conditions', async () => {
    // given / when
    const high = await fillWith({ urgent: false, floor: '12' });
    const low = await fillWith({ urgent: false, floor: '3' });

    // then
    expect(high.host.openTasks(high.id)).toEqual(['Task_HighRise']);
    expect(low.host.openTasks(low.id)).toEqual(['Task_LowRise']);
    expect(low.host.instance(low.id).incidents).toEqual([]);
  });
});
