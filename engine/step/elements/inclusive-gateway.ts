import type { GatewayDef } from '../../model/executable-model.js';
import { IncidentSignal } from '../incident-signal.js';
import type { ElementBehavior } from './element-behavior.js';

/** Takes every flow whose condition holds, else the default; the join waits only for live tokens (Run.fireInclusiveJoins). */
export const inclusiveGateway: ElementBehavior<GatewayDef> = {
  activate(run, _def, instance) {
    run.complete(instance);
  },
  leave(run, def, instance) {
    const flows = def.outgoing.map((id) => run.flow(id));
    const taken = flows.filter((flow) => flow.id !== def.defaultFlowId && run.condition(flow, instance));
    if (taken.length > 0) return taken;
    const fallback = flows.find((flow) => flow.id === def.defaultFlowId);
    if (fallback) return [fallback];
    if (flows.length === 0) return [];
    throw new IncidentSignal(
      'CONDITION_ERROR',
      `网关 ${def.id} 没有满足条件的出口，也没有默认出口 / no outgoing flow of gateway ${def.id} matched and there is no default flow`,
    );
  },
};
