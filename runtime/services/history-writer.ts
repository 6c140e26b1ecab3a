import type { JsonObject, JsonValue } from '../../engine/state/json.js';
import type { EngineEvent } from '../../engine/step/event.js';
import type { SqlValue } from '../persistence/sql-database.js';
import type { CommandScope } from './command-scope.js';
import type { HistoryEventType } from './workflow-service.js';

/** One history row before it is written. */
export interface HistoryRecord {
  readonly type: HistoryEventType;
  readonly elementId: string | null;
  readonly elementInstanceId: string | null;
  readonly data: JsonObject;
}

const COLUMNS = '(community, instance_id, type, at, user_id, element_id, element_instance_id, data)';
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?)';
/** Fixed batch sizes keep the number of distinct prepared statements small. */
const BATCH_SIZES = [16, 4, 1] as const;
const INSERTS = new Map<number, string>(BATCH_SIZES.map((n) => [n, `INSERT INTO wf_history_event ${COLUMNS} VALUES ${Array(n).fill(ROW).join(', ')}`]));

/** Turns an engine event into a history record (element ids in columns, the rest as data). */
export function historyRecordOf(event: EngineEvent): HistoryRecord {
  const { type, ...rest } = event;
  const data: JsonObject = {};
  let elementId: string | null = null;
  let elementInstanceId: string | null = null;
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'elementId' && typeof value === 'string') elementId = value;
    else if (key === 'elementInstanceId' && typeof value === 'string') elementInstanceId = value;
    // Engine events hold only JSON values (see engine/step/event.ts).
    else if (value !== undefined) data[key] = value as JsonValue;
  }
  return { type, elementId, elementInstanceId, data };
}

/** Appends history rows for the command, in order, in few statements. */
export async function writeHistory(scope: CommandScope, records: readonly HistoryRecord[]): Promise<void> {
  let index = 0;
  while (index < records.length) {
    const remaining = records.length - index;
    const size = BATCH_SIZES.find((n) => n <= remaining) ?? 1;
    const params: SqlValue[] = [];
    for (let i = 0; i < size; i++) {
      const record = records[index + i];
      if (!record) break;
      params.push(
        scope.community,
        scope.instanceId,
        record.type,
        scope.now,
        scope.actor,
        record.elementId,
        record.elementInstanceId,
        JSON.stringify(record.data),
      );
    }
    await scope.tx.run(INSERTS.get(size) ?? '', params);
    index += size;
  }
}
