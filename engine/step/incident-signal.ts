import type { IncidentState } from '../state/instance-state.js';

/** Thrown inside element behaviours to raise an incident instead of crashing the step. */
export class IncidentSignal extends Error {
  constructor(
    readonly kind: IncidentState['kind'],
    message: string,
  ) {
    super(message);
  }
}
