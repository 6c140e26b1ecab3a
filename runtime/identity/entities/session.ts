import { EntitySchema } from '@mikro-orm/core';

/** A signed-in browser session. Only the sha256 of the cookie value is stored. */
export interface Session {
  idHash: string;
  userId: string;
  /** The community the user is working in (switchable among their memberships). */
  community: string | null;
  /** Sent back in the `x-csrf-token` header on every state-changing request. */
  csrfToken: string;
  address: string | null;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export const sessionSchema = new EntitySchema<Session>({
  name: 'Session',
  tableName: 'id_session',
  properties: {
    idHash: { type: 'string', length: 64, primary: true },
    userId: { type: 'string', length: 128 },
    community: { type: 'string', length: 64, nullable: true },
    csrfToken: { type: 'string', length: 64 },
    address: { type: 'string', length: 64, nullable: true },
    createdAt: { type: 'bigint', columnType: 'bigint' },
    expiresAt: { type: 'bigint', columnType: 'bigint' },
    revokedAt: { type: 'bigint', columnType: 'bigint', nullable: true },
  },
  indexes: [{ name: 'id_session_user_idx', properties: ['userId'] }],
});
