import { EntitySchema } from '@mikro-orm/core';

/** An API token for an external worker or integration; only the sha256 of its secret is stored. */
export interface ApiToken {
  id: string;
  secretHash: string;
  community: string;
  /** `worker`: the job-worker API (and message publishing); `read-only`: GET requests. */
  scope: string;
  name: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export const apiTokenSchema = new EntitySchema<ApiToken>({
  name: 'ApiToken',
  tableName: 'id_api_token',
  properties: {
    id: { type: 'string', length: 32, primary: true },
    secretHash: { type: 'string', length: 64 },
    community: { type: 'string', length: 64 },
    scope: { type: 'string', length: 16 },
    name: { type: 'string', length: 255 },
    createdBy: { type: 'string', length: 128 },
    createdAt: { type: 'bigint', columnType: 'bigint' },
    expiresAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    revokedAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    lastUsedAt: { type: 'bigint', columnType: 'bigint', nullable: true },
  },
  indexes: [{ name: 'id_api_token_community_idx', properties: ['community', 'createdAt'] }],
});
