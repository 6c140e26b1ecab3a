import type { EndEventDef } from '../../model/executable-model.js';
import type { ElementBehavior } from './element-behavior.js';

/** None end events consume the token; a terminate end event also ends everything in its scope. */
export const endEvent: ElementBehavior<EndEventDef> = {
  activate(run, def, instance) {
    run.complete(instance);
    if (def.event.kind === 'terminate') run.terminateScope(instance.parentId);
  },
};
