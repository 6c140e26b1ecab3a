import type { GatewayDef } from '../../model/executable-model.js';
import type { ElementBehavior } from './element-behavior.js';

/** Forks to every outgoing flow; the join itself happens on arrival (see Run.arrive). */
export const parallelGateway: ElementBehavior<GatewayDef> = {
  activate(run, _def, instance) {
    run.complete(instance);
  },
  leave(run, def) {
    return def.outgoing.map((id) => run.flow(id));
  },
};
