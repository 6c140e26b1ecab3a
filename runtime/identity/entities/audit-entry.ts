import { EntitySchema } from '@mikro-orm/core';

/** Append-only: who did which admin action, when, to what, and why. */
export interface AuditEntry {
  seq: number;
  /** null for sub-district-wide actions (creating a community). */
  community: string | null;
  /** `user:<id>` or `token:<id>`. */
  actor: string;
  action: string;
  target: string | null;
  reason: string | null;
  /** JSON object: the rest (old/new roles, request path …). */
  data: string;
  at: number;
}

export const auditEntrySchema = new EntitySchema<AuditEntry>({
  name: 'AuditEntry',
  tableName: 'id_audit_entry',
  properties: {
    seq: { type: 'integer', primary: true, autoincrement: true },
    community: { type: 'string', length: 64, nullable: true },
    actor: { type: 'string', length: 160 },
    action: { type: 'string', length: 64 },
    target: { type: 'string', length: 255, nullable: true },
    reason: { type: 'text', nullable: true },
    data: { type: 'text' },
    at: { type: 'bigint', columnType: 'bigint' },
  },
  indexes: [{ name: 'id_audit_community_idx', properties: ['community', 'seq'] }],
});
