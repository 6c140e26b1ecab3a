import type { JsonObject, JsonValue } from '../../engine/state/json.js';
import type { EngineEvent } from '../../engine/step/event.js';
import type { CommandScope } from './command-scope.js';
import type { HistoryEventType } from './workflow-service.js';

/** One history event before it is written. */
export interface HistoryRecord {
  readonly type: HistoryEventType;
  readonly elementId: string | null;
  readonly elementInstanceId: string | null;
  readonly data: JsonObject;
}

const INSERT = `INSERT INTO wf_history_event (community, instance_id, type, at, user_id, element_id, element_instance_id, data)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

/** Turns an engine event into a history record (element ids apart, the rest as data). */
export function historyRecordOf(event: EngineEvent): HistoryRecord {
  const data: JsonObject = {};
  let elementId: string | null = null;
  let elementInstanceId: string | null = null;
  // Engine events are plain objects of JSON values (see engine/step/event.ts); read in place, not copied.
  const fields = event as unknown as Readonly<Record<string, JsonValue | undefined>>;
  for (const key in fields) {
    const value = fields[key];
    if (key === 'type' || value === undefined) continue;
    if (key === 'elementId' && typeof value === 'string') elementId = value;
    else if (key === 'elementInstanceId' && typeof value === 'string') elementInstanceId = value;
    else data[key] = value;
  }
  return { type: event.type, elementId, elementInstanceId, data };
}

/** Appends the command's history as one row (its events in order). */
export async function writeHistory(scope: CommandScope, records: readonly HistoryRecord[]): Promise<void> {
  if (records.length === 0) return;
  const single = records.length === 1 ? records[0] : undefined;
  await scope.tx.run(INSERT, [
    scope.community,
    scope.instanceId,
    single ? single.type : 'batch',
    scope.now,
    scope.actor,
    single ? single.elementId : null,
    single ? single.elementInstanceId : null,
    JSON.stringify(records),
  ]);
}
