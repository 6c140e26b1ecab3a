import { EntitySchema } from '@mikro-orm/core';

/**
 * Append-only audit and history: one row per command on an instance, holding that command's
 * events in order (`data` is a JSON array), so a command writes one row, not one per event.
 * `seq` orders the rows of an instance (commands on one instance are serialised).
 */
export interface HistoryEvent {
  seq: number;
  community: string;
  instanceId: string;
  /** The event type when the row holds one event, else `batch`. */
  type: string;
  at: number;
  userId: string | null;
  elementId: string | null;
  elementInstanceId: string | null;
  /** JSON array of `{ type, elementId, elementInstanceId, data }`. */
  data: string;
}

export const historyEventSchema = new EntitySchema<HistoryEvent>({
  name: 'HistoryEvent',
  tableName: 'wf_history_event',
  properties: {
    seq: { type: 'integer', primary: true, autoincrement: true },
    community: { type: 'string', length: 64 },
    instanceId: { type: 'string', length: 32 },
    type: { type: 'string', length: 32 },
    at: { type: 'bigint', columnType: 'bigint' },
    userId: { type: 'string', length: 128, nullable: true },
    elementId: { type: 'string', length: 255, nullable: true },
    elementInstanceId: { type: 'string', length: 32, nullable: true },
    data: { type: 'text' },
  },
  indexes: [
    { name: 'wf_history_instance_idx', properties: ['instanceId', 'seq'] },
  ],
});
