import { EngineError } from '../errors.js';
import type { ElementInstanceState, LifecycleState } from '../state/instance-state.js';

/** The one transition table every element instance follows (Zeebe's lifecycle). */
const allowed: Readonly<Record<LifecycleState, readonly LifecycleState[]>> = {
  activating: ['active', 'terminating'],
  active: ['completing', 'terminating'],
  completing: ['completed', 'terminating'],
  completed: [],
  terminating: ['terminated'],
  terminated: [],
};

/** Moves an element instance to its next lifecycle state; an illegal move is an engine bug. */
export function transition(instance: ElementInstanceState, to: LifecycleState): void {
  if (!allowed[instance.status].includes(to)) {
    throw new EngineError('WF_INVALID_STATE', `illegal lifecycle transition ${instance.status} → ${to} of ${instance.elementId}`, {
      elementId: instance.elementId,
      elementInstanceId: instance.id,
    });
  }
  instance.status = to;
}
