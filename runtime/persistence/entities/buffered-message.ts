import { EntitySchema } from '@mikro-orm/core';

/** A published message: kept for its time to live when nothing waited for it, and for de-duplication by message id. */
export interface BufferedMessage {
  id: string;
  community: string;
  name: string;
  correlationKey: string;
  /** The publisher's idempotency id, unique per community when given. */
  messageId: string | null;
  variables: string;
  expiresAt: number;
  /** Instance that consumed it, once correlated. */
  correlatedInstanceId: string | null;
  createdAt: number;
}

export const bufferedMessageSchema = new EntitySchema<BufferedMessage>({
  name: 'BufferedMessage',
  tableName: 'wf_message',
  properties: {
    id: { type: 'string', length: 32, primary: true },
    community: { type: 'string', length: 64 },
    name: { type: 'string', length: 255 },
    correlationKey: { type: 'string', length: 255 },
    messageId: { type: 'string', length: 255, nullable: true },
    variables: { type: 'text' },
    expiresAt: { type: 'bigint', columnType: 'bigint' },
    correlatedInstanceId: { type: 'string', length: 32, nullable: true },
    createdAt: { type: 'bigint', columnType: 'bigint' },
  },
  uniques: [{ name: 'wf_message_id_uq', properties: ['community', 'messageId'] }],
  indexes: [
    { name: 'wf_message_lookup_idx', properties: ['community', 'name', 'correlationKey', 'expiresAt'] },
    { name: 'wf_message_expiry_idx', properties: ['expiresAt'] },
  ],
});
