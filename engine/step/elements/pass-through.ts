import type { ElementDef } from '../../model/executable-model.js';
import type { ElementBehavior } from './element-behavior.js';

/** Plain tasks, manual tasks, none start events and gateways that only route: complete at once. */
export const passThrough: ElementBehavior<ElementDef> = {
  activate(run, _def, instance) {
    run.complete(instance);
  },
};
