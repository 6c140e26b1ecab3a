import type { StartEventDef } from '../../model/executable-model.js';
import type { ElementBehavior } from './element-behavior.js';

/** Start events complete at once, with the variables of the event that started them (message, signal). */
export const startEvent: ElementBehavior<StartEventDef> = {
  activate(run, _def, instance) {
    run.complete(instance, run.takeTrigger(instance.id)?.variables);
  },
};
