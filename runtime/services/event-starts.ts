import type { ExecutableModel } from '../../engine/model/executable-model.js';
import { toNumber, toText, type SqlTx } from '../persistence/sql-database.js';
import type { ModelCache } from './model-cache.js';

/** A process (latest version in a community) that a message or signal of a name starts. */
export interface EventStartTarget {
  readonly definitionId: string;
  readonly processKey: string;
  readonly definitionVersion: number;
  readonly startEventId: string;
}

const LATEST_PROCESSES = `SELECT d.id, d.key, d.version FROM wf_definition d WHERE d.community = ? AND d.kind = 'bpmn'
  AND d.version = (SELECT MAX(d2.version) FROM wf_definition d2 WHERE d2.community = d.community AND d2.kind = 'bpmn' AND d2.key = d.key)`;

/**
 * The message or signal start events named `name` among the latest process versions of a
 * community. Only static names count (a FEEL name of a start event has no variables to read).
 */
export async function eventStartTargets(tx: SqlTx, models: ModelCache, community: string, kind: 'message' | 'signal', name: string): Promise<EventStartTarget[]> {
  const targets: EventStartTarget[] = [];
  for (const row of await tx.all(LATEST_PROCESSES, [community])) {
    const definitionId = toText(row.id);
    const processKey = toText(row.key);
    const model = await models.get(definitionId, tx);
    for (const startEventId of startEventsNamed(model, processKey, kind, name)) {
      targets.push({ definitionId, processKey, definitionVersion: toNumber(row.version), startEventId });
    }
  }
  return targets;
}

function startEventsNamed(model: ExecutableModel, processKey: string, kind: 'message' | 'signal', name: string): string[] {
  const process = model.processes.get(processKey);
  if (!process) return [];
  return process.scope.startEventIds.filter((id) => {
    const def = process.elements.get(id);
    if (def?.kind !== 'startEvent') return false;
    const event = def.event;
    const ref =
      event.kind === 'message' && kind === 'message' && event.messageId ? model.messages.get(event.messageId)?.name
      : event.kind === 'signal' && kind === 'signal' && event.signalId ? model.signals.get(event.signalId)?.name
      : undefined;
    return ref?.kind === 'static' && ref.value === name;
  });
}
