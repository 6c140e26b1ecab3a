import type { EndEventDef } from '../../model/executable-model.js';
import type { ElementBehavior } from './element-behavior.js';
import { cancelOpenJob } from './job-task.js';
import { throwEvent } from './throw-event.js';

/** End events consume the token after their throw; a terminate end event also ends everything in its scope. */
export const endEvent: ElementBehavior<EndEventDef> = {
  activate(run, def, instance) {
    if (!throwEvent(run, def, instance)) return;
    run.complete(instance);
    if (def.event.kind === 'terminate') run.terminateScope(instance.parentId);
  },
  terminate: cancelOpenJob,
};
