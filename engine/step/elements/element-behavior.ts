import type { ElementDef, FlowDef } from '../../model/executable-model.js';
import type { ElementInstanceState } from '../../state/instance-state.js';
import type { Run } from '../run.js';

/** What one element type does at each point of the shared lifecycle. */
export interface ElementBehavior<D extends ElementDef = ElementDef> {
  /** The element became active: do its work, then either complete it or leave it waiting. */
  activate(run: Run, def: D, instance: ElementInstanceState): void;
  /** Which outgoing flows to take when completing (default: unconditional + true conditions, else default flow). */
  leave?(run: Run, def: D, instance: ElementInstanceState): FlowDef[];
  /** Clean up what the element opened (tasks, jobs) when it is terminated. */
  terminate?(run: Run, def: D, instance: ElementInstanceState): void;
}
