import type { ExecutableModel, StartEventDef } from '../model/executable-model.js';
import type { FeelEnv } from '../feel/expression.js';

/** A process-level start event other than the none start: how a deployment is started by events. */
export interface EventStart {
  readonly processId: string;
  readonly startEventId: string;
  readonly def: StartEventDef;
}

/** The timer, message and signal start events of every process in a model (not those of event sub-processes). */
export function eventStartsOf(model: ExecutableModel): EventStart[] {
  const starts: EventStart[] = [];
  for (const process of model.processes.values()) {
    for (const id of process.scope.startEventIds) {
      const def = process.elements.get(id);
      if (def?.kind === 'startEvent' && def.event.kind !== 'none') starts.push({ processId: process.id, startEventId: id, def });
    }
  }
  return starts;
}

/** The name a message or signal start event listens for (static or FEEL without variables). */
export function startEventName(model: ExecutableModel, start: EventStart, env: FeelEnv): string | null {
  const event = start.def.event;
  const ref =
    event.kind === 'message' && event.messageId ? model.messages.get(event.messageId)?.name
    : event.kind === 'signal' && event.signalId ? model.signals.get(event.signalId)?.name
    : undefined;
  if (!ref) return null;
  if (ref.kind === 'static') return ref.value;
  const value = ref.expression.evaluate(() => undefined, env);
  return typeof value === 'string' ? value : null;
}
