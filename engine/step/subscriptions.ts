import type { BoundaryEventDef, ElementDef, EventDefinitionDef, StartEventDef } from '../model/executable-model.js';
import type { ElementInstanceState, Subscription } from '../state/instance-state.js';
import type { JsonValue } from '../state/json.js';
import { parseTimer, TimerFormatError } from '../timer/index.js';
import { IncidentSignal } from './incident-signal.js';
import type { Run } from './run.js';

/**
 * Opens what an event waits for: a timer, a message or a signal subscription. `owner` bounds its
 * lifetime (closed when the owner ends); `evalScope` is where FEEL in it is evaluated.
 */
export function openSubscription(
  run: Run,
  event: ElementDef & { readonly event: EventDefinitionDef },
  owner: ElementInstanceState | null,
  evalScope: ElementInstanceState | null,
): void {
  const base = { id: run.ctx.newId(), eventElementId: event.id, ownerId: owner ? owner.id : null };
  const definition = event.event;
  switch (definition.kind) {
    case 'timer': {
      const text = run.value(definition.timer.value, evalScope, event.id);
      if (typeof text !== 'string') {
        throw new IncidentSignal('EXTRACT_VALUE_ERROR', `定时器 ${event.id} 的表达式结果不是文本：${JSON.stringify(text)} / timer ${event.id} did not evaluate to text`);
      }
      let schedule;
      try {
        schedule = parseTimer(definition.timer.type, text, run.ctx.now, run.feelEnv.timeZone);
      } catch (error) {
        if (error instanceof TimerFormatError) throw new IncidentSignal('EXTRACT_VALUE_ERROR', `${event.id}: ${error.message}`);
        throw error;
      }
      add(run, { ...base, kind: 'timer', schedule });
      run.effects.push({ type: 'timer.scheduled', subscriptionId: base.id, elementId: event.id, dueAt: schedule.dueAt });
      return;
    }
    case 'message': {
      const message = definition.messageId ? run.model.messages.get(definition.messageId) : undefined;
      if (!message) throw new IncidentSignal('EXTRACT_VALUE_ERROR', `事件 ${event.id} 没有消息定义 / event ${event.id} has no message`);
      const messageName = text(run.value(message.name, evalScope, event.id), `${event.id} message name`);
      let correlationKey: string | null = null;
      if (message.correlationKey) {
        correlationKey = text(run.evaluate(message.correlationKey, evalScope, event.id), `${event.id} correlationKey`);
      }
      add(run, { ...base, kind: 'message', messageName, correlationKey });
      run.effects.push({ type: 'message.subscribed', subscriptionId: base.id, elementId: event.id, messageName, correlationKey });
      return;
    }
    case 'signal': {
      const signal = definition.signalId ? run.model.signals.get(definition.signalId) : undefined;
      if (!signal) throw new IncidentSignal('EXTRACT_VALUE_ERROR', `事件 ${event.id} 没有信号定义 / event ${event.id} has no signal`);
      const signalName = text(run.value(signal.name, evalScope, event.id), `${event.id} signal name`);
      add(run, { ...base, kind: 'signal', signalName });
      run.effects.push({ type: 'signal.subscribed', subscriptionId: base.id, elementId: event.id, signalName });
      return;
    }
    default:
      // Error, escalation, link and none events are not waited for through subscriptions.
      return;
  }
}

/** Subscriptions an activity opens for its boundary events (on the multi-instance body, not inner instances). */
export function openBoundarySubscriptions(run: Run, activity: ElementDef, instance: ElementInstanceState): void {
  for (const id of activity.boundaryEventIds) {
    const boundary = run.element(id) as BoundaryEventDef;
    openSubscription(run, boundary, instance, instance);
  }
}

/** Subscriptions of the event sub-processes of a scope (`null` = the process). */
export function openEventSubProcessSubscriptions(run: Run, eventSubProcessIds: readonly string[], scope: ElementInstanceState | null): void {
  for (const id of eventSubProcessIds) {
    const esp = run.element(id);
    if (esp.kind !== 'subProcess') continue;
    for (const startId of esp.scope.startEventIds) {
      openSubscription(run, run.element(startId) as StartEventDef, scope, scope);
    }
  }
}

/** Closes every subscription owned by an element instance (or the process scope). */
export function closeSubscriptionsOf(run: Run, ownerId: string | null): void {
  for (const sub of Object.values(run.state.subscriptions)) {
    if (sub.ownerId === ownerId) closeSubscription(run, sub);
  }
}

export function closeSubscription(run: Run, sub: Subscription): void {
  delete run.state.subscriptions[sub.id];
  switch (sub.kind) {
    case 'timer':
      run.effects.push({ type: 'timer.cancelled', subscriptionId: sub.id });
      return;
    case 'message':
      run.effects.push({ type: 'message.unsubscribed', subscriptionId: sub.id });
      return;
    case 'signal':
      run.effects.push({ type: 'signal.unsubscribed', subscriptionId: sub.id });
      return;
  }
}

function add(run: Run, sub: Subscription): void {
  run.state.subscriptions[sub.id] = sub;
}

function text(value: JsonValue, what: string): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new IncidentSignal('EXTRACT_VALUE_ERROR', `${what} 应为文本或数字，得到 ${JSON.stringify(value)} / ${what} must be a string or number, got ${JSON.stringify(value)}`);
}
