import type { ElementDef, SubProcessDef } from '../model/executable-model.js';
import type { ElementInstanceState, Subscription } from '../state/instance-state.js';
import type { JsonObject } from '../state/json.js';
import { nextFiring } from '../timer/index.js';
import type { Run } from './run.js';
import { closeSubscription, closeSubscriptionsOf } from './subscriptions.js';

/** What an event that fired brings to the element it activates. */
export interface Trigger {
  readonly variables: JsonObject;
  /** For an event sub-process: which of its start events fired. */
  readonly startEventId?: string;
}

/**
 * A subscription fired (timer due, message correlated, signal received): move the token the
 * way the event's position says — catch event, event-based gateway, boundary event, or event
 * sub-process start.
 */
export function triggerSubscription(run: Run, sub: Subscription, variables: JsonObject): void {
  const event = run.element(sub.eventElementId);
  const owner = sub.ownerId === null ? null : run.state.elements[sub.ownerId] ?? null;
  if (sub.ownerId !== null && !owner) {
    closeSubscription(run, sub);
    return;
  }
  keepOrClose(run, sub, event);

  if (event.kind === 'boundaryEvent') {
    triggerBoundary(run, event.cancelActivity, event.id, owner as ElementInstanceState, { variables });
    return;
  }
  if (event.kind === 'startEvent') {
    const esp = run.element(event.scopeId) as SubProcessDef;
    triggerEventSubProcess(run, esp, event.id, event.interrupting, owner, { variables });
    return;
  }
  const gateway = owner ? run.element(owner.elementId) : null;
  if (owner && gateway && gateway.kind === 'eventBasedGateway') {
    // The first event wins: the gateway completes towards it and the others close with it.
    run.complete(owner);
    const flow = gateway.outgoing.map((id) => run.flow(id)).find((f) => f.targetId === event.id);
    if (flow) run.events.push({ type: 'flow.taken', flowId: flow.id });
    run.schedule({ op: 'activate', elementId: event.id, parentId: owner.parentId, trigger: { variables } });
    return;
  }
  if (owner) run.complete(owner, variables);
}

/** A boundary event fired on `activity`: interrupting ends the activity first. */
export function triggerBoundary(run: Run, interrupting: boolean, boundaryId: string, activity: ElementInstanceState, trigger: Trigger): void {
  if (interrupting) run.terminate(activity);
  run.schedule({ op: 'activate', elementId: boundaryId, parentId: activity.parentId, trigger });
}

/**
 * An event sub-process start fired in `scope`: interrupting ends everything else in the scope
 * (and the scope's other event sub-process subscriptions) first.
 */
export function triggerEventSubProcess(
  run: Run,
  esp: SubProcessDef,
  startEventId: string,
  interrupting: boolean,
  scope: ElementInstanceState | null,
  trigger: Trigger,
): void {
  const scopeId = scope ? scope.id : null;
  if (interrupting) {
    closeSubscriptionsOf(run, scopeId);
    run.terminateScope(scopeId);
  }
  run.schedule({ op: 'activate', elementId: esp.id, parentId: scopeId, trigger: { ...trigger, startEventId } });
}

/**
 * A timer cycle that keeps its element alive re-arms itself; anything that ends its owner (or
 * fires once) is closed here so a repeated delivery finds nothing.
 */
function keepOrClose(run: Run, sub: Subscription, event: ElementDef): void {
  const staysOpen =
    (event.kind === 'boundaryEvent' && !event.cancelActivity) || (event.kind === 'startEvent' && !event.interrupting);
  if (!staysOpen) {
    closeSubscription(run, sub);
    return;
  }
  if (sub.kind !== 'timer') return;
  const next = nextFiring(sub.schedule, run.ctx.now);
  if (!next) {
    closeSubscription(run, sub);
    return;
  }
  sub.schedule = next;
  run.effects.push({ type: 'timer.scheduled', subscriptionId: sub.id, elementId: event.id, dueAt: next.dueAt });
}
