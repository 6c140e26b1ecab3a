import type { IntermediateCatchEventDef, ReceiveTaskDef } from '../../model/executable-model.js';
import { openSubscription } from '../subscriptions.js';
import type { ElementBehavior } from './element-behavior.js';

/**
 * Intermediate catch events wait for their timer, message or signal; reached through a won
 * event-based gateway or a link, they complete at once with the trigger's variables.
 */
export const intermediateCatchEvent: ElementBehavior<IntermediateCatchEventDef> = {
  activate(run, def, instance) {
    const trigger = run.takeTrigger(instance.id);
    if (trigger) {
      run.complete(instance, trigger.variables);
      return;
    }
    openSubscription(run, def, instance, instance);
  },
};

/** A receive task waits for its message like a message catch event. */
export const receiveTask: ElementBehavior<ReceiveTaskDef> = {
  activate(run, def, instance) {
    const trigger = run.takeTrigger(instance.id);
    if (trigger) {
      run.complete(instance, trigger.variables);
      return;
    }
    openSubscription(run, { ...def, event: { kind: 'message', messageId: def.messageId } }, instance, instance);
  },
};
