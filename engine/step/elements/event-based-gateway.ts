import type { GatewayDef } from '../../model/executable-model.js';
import { openSubscription } from '../subscriptions.js';
import type { ElementBehavior } from './element-behavior.js';

/** Waits for the first of the events after it; the winner is decided in triggers.ts. */
export const eventBasedGateway: ElementBehavior<GatewayDef> = {
  activate(run, def, instance) {
    for (const flowId of def.outgoing) {
      const target = run.element(run.flow(flowId).targetId);
      if (target.kind === 'intermediateCatchEvent') openSubscription(run, target, instance, instance);
      else if (target.kind === 'receiveTask') openSubscription(run, { ...target, event: { kind: 'message', messageId: target.messageId } }, instance, instance);
    }
  },
  leave() {
    return [];
  },
};
