import type { BoundaryEventDef } from '../../model/executable-model.js';
import type { ElementBehavior } from './element-behavior.js';

/** A boundary event is only ever activated by its trigger (see triggers.ts): pass its variables on. */
export const boundaryEvent: ElementBehavior<BoundaryEventDef> = {
  activate(run, _def, instance) {
    run.complete(instance, run.takeTrigger(instance.id)?.variables);
  },
};
