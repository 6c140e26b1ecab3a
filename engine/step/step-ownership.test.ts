import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, defaultCalendarYears, parseBpmn, step, type InstanceState, type StepContext } from '../index.js';

const xml = readFileSync(new URL('../../tests/features/fixtures/pass-through-tasks.bpmn', import.meta.url), 'utf8');

async function waitingCase() {
  const model = await parseBpmn(xml);
  const calendar = createWorkingCalendar(defaultCalendarYears);
  /** A context whose ids start at `first`: two steps from equal states then give equal results. */
  const contextFrom = (first: number): StepContext => {
    let next = first;
    return { now: Date.UTC(2026, 10, 26, 2), newId: () => `id-${next++}`, calendar };
  };
  const started = step(model, null, { type: 'createInstance', processId: 'pass_through', variables: { 地址: '3栋2单元' } }, contextFrom(1));
  const task = Object.values(started.state.elements).find((element) => element.elementId === 'Task_Callback');
  if (!task) throw new Error('the case does not wait at Task_Callback');
  return { model, contextFrom, state: started.state, complete: { type: 'completeUserTask', elementInstanceId: task.id, variables: { 满意: true } } as const };
}

describe('step and the state it is given', () => {
  it('should leave the input state untouched by default', async () => {
    // given
    const { model, contextFrom, state, complete } = await waitingCase();
    const snapshot: InstanceState = structuredClone(state);

    // when
    const result = step(model, state, complete, contextFrom(100));

    // then
    expect(result.state).not.toBe(state);
    expect(result.state.status).toBe('completed');
    expect(state).toEqual(snapshot);
  });

  it('should work on the given state itself when the caller hands it over', async () => {
    // given
    const { model, contextFrom, state, complete } = await waitingCase();
    const copy: InstanceState = structuredClone(state);

    // when
    const owned = step(model, state, complete, { ...contextFrom(100), ownsState: true });
    const copied = step(model, copy, complete, contextFrom(100));

    // then
    expect(owned.state).toBe(state);
    expect(owned.state).toEqual(copied.state);
    expect(owned.events).toEqual(copied.events);
  });
});
