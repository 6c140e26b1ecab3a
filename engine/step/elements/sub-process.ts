import type { SubProcessDef } from '../../model/executable-model.js';
import { EngineError } from '../../errors.js';
import { openEventSubProcessSubscriptions } from '../subscriptions.js';
import type { ElementBehavior } from './element-behavior.js';

/**
 * Embedded sub-process: its own variable scope and event sub-processes; starts at its none start
 * event (an event sub-process at the start that fired) and completes when empty
 * (Run.completeFinishedScopes).
 */
export const subProcess: ElementBehavior<SubProcessDef> = {
  activate(run, def, instance) {
    instance.variables ??= {};
    const trigger = run.takeTrigger(instance.id);
    const startId = def.triggeredByEvent ? trigger?.startEventId : def.scope.noneStartId;
    if (!startId) throw new EngineError('WF_INVALID_STATE', `sub-process ${def.id} has no start event to begin with`);
    openEventSubProcessSubscriptions(run, def.scope.eventSubProcessIds, instance);
    run.schedule({ op: 'activate', elementId: startId, parentId: instance.id, ...(trigger ? { trigger: { variables: trigger.variables } } : {}) });
  },
};
