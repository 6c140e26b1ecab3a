import type { IntermediateThrowEventDef } from '../../model/executable-model.js';
import type { ElementBehavior } from './element-behavior.js';
import { cancelOpenJob } from './job-task.js';
import { throwEvent } from './throw-event.js';

/** Throws its signal, escalation, link or message, then goes on (a message job waits for its worker). */
export const intermediateThrowEvent: ElementBehavior<IntermediateThrowEventDef> = {
  activate(run, def, instance) {
    if (throwEvent(run, def, instance)) run.complete(instance);
  },
  terminate: cancelOpenJob,
};
