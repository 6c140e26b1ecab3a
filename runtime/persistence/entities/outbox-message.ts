import { EntitySchema } from '@mikro-orm/core';

/**
 * Work outside the database (webhook calls), written in the same transaction as the state change
 * and delivered after commit, at least once, with its idempotency key.
 */
export interface OutboxMessage {
  id: string;
  community: string;
  /** `webhook`. */
  kind: string;
  /** JSON: url, body, and what to do when delivered (e.g. the job to complete). */
  payload: string;
  idempotencyKey: string;
  status: 'pending' | 'done' | 'dead';
  attempts: number;
  nextAttemptAt: number;
  lockOwner: string | null;
  lockExpiresAt: number | null;
  lastError: string | null;
  createdAt: number;
}

export const outboxMessageSchema = new EntitySchema<OutboxMessage>({
  name: 'OutboxMessage',
  tableName: 'wf_outbox',
  properties: {
    id: { type: 'string', length: 32, primary: true },
    community: { type: 'string', length: 64 },
    kind: { type: 'string', length: 32 },
    payload: { type: 'text' },
    idempotencyKey: { type: 'string', length: 128 },
    status: { type: 'string', length: 16 },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'bigint', columnType: 'bigint' },
    lockOwner: { type: 'string', length: 128, nullable: true },
    lockExpiresAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    lastError: { type: 'text', nullable: true },
    createdAt: { type: 'bigint', columnType: 'bigint' },
  },
  indexes: [{ name: 'wf_outbox_pending_idx', properties: ['status', 'nextAttemptAt'] }],
});
