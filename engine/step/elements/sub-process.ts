import type { SubProcessDef } from '../../model/executable-model.js';
import { EngineError } from '../../errors.js';
import type { ElementBehavior } from './element-behavior.js';

/** Embedded sub-process: its own variable scope; starts at its none start event, completes when empty (Run.completeFinishedScopes). */
export const subProcess: ElementBehavior<SubProcessDef> = {
  activate(run, def, instance) {
    if (!def.scope.noneStartId) throw new EngineError('WF_INVALID_STATE', `sub-process ${def.id} has no none start event`);
    instance.variables ??= {};
    run.schedule({ op: 'activate', elementId: def.scope.noneStartId, parentId: instance.id });
  },
};
