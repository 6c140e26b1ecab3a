import type { FlowDef, GatewayDef } from '../../model/executable-model.js';
import { IncidentSignal } from '../incident-signal.js';
import type { ElementBehavior } from './element-behavior.js';

/** Takes the first flow whose condition holds, else the default; no match is an incident. */
export const exclusiveGateway: ElementBehavior<GatewayDef> = {
  activate(run, _def, instance) {
    run.complete(instance);
  },
  leave(run, def, instance) {
    let defaultFlow: FlowDef | null = null;
    for (const flowId of def.outgoing) {
      const flow = run.flow(flowId);
      if (flow.id === def.defaultFlowId) defaultFlow = flow;
      else if (run.condition(flow, instance)) return [flow];
    }
    if (defaultFlow) return [defaultFlow];
    if (def.outgoing.length === 0) return [];
    throw new IncidentSignal(
      'CONDITION_ERROR',
      `网关 ${def.id} 没有满足条件的出口，也没有默认出口 / no outgoing flow of gateway ${def.id} matched and there is no default flow`,
    );
  },
};
