import type { CallActivityDef } from '../../model/executable-model.js';
import { IncidentSignal } from '../incident-signal.js';
import type { ElementBehavior } from './element-behavior.js';

/** Asks the host for a child instance and waits for it (completeCallActivity / childError). */
export const callActivity: ElementBehavior<CallActivityDef> = {
  activate(run, def, instance) {
    const processId = run.value(def.calledProcessId, instance, def.id);
    if (typeof processId !== 'string' || processId === '') {
      throw new IncidentSignal('CALLED_ELEMENT_ERROR', `调用活动 ${def.id} 的流程 ID 无效：${JSON.stringify(processId)} / call activity ${def.id} has no valid process id`);
    }
    const variables = def.propagateAllParentVariables ? run.visibleVariables(instance) : { ...instance.variables };
    const childInstanceId = run.ctx.newId();
    instance.childInstanceId = childInstanceId;
    run.effects.push({ type: 'childInstance.create', elementInstanceId: instance.id, childInstanceId, processId, variables });
  },
  terminate(run, _def, instance) {
    if (instance.childInstanceId) run.effects.push({ type: 'childInstance.cancel', childInstanceId: instance.childInstanceId });
  },
};
