import { toNumber, toText, toTextOrNull, type SqlDatabase, type SqlTx } from '../persistence/sql-database.js';
import type { JsonObject } from '../services/workflow-service.js';

export interface AuditRecord {
  readonly community: string | null;
  /** `user:<id>` or `token:<id>`. */
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly reason: string | null;
  readonly data: JsonObject;
}

export interface AuditView extends AuditRecord {
  readonly id: string;
  readonly at: string;
}

/** Append-only log of admin actions: who, when, what, why. */
export class AuditLog {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  async append(record: AuditRecord, tx: SqlTx = this.db): Promise<void> {
    await tx.run('INSERT INTO id_audit_entry (community, actor, action, target, reason, data, at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      record.community,
      record.actor,
      record.action,
      record.target,
      record.reason,
      JSON.stringify(record.data),
      this.now(),
    ]);
  }

  /** Newest first; `before` is the `id` of the last entry of the previous page. `community` undefined = every community. */
  async list(input: { community: string | undefined; limit: number; before?: number }): Promise<{ items: AuditView[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (input.community !== undefined) {
      where.push('community = ?');
      params.push(input.community);
    }
    if (input.before !== undefined) {
      where.push('seq < ?');
      params.push(input.before);
    }
    const rows = await this.db.all(
      `SELECT seq, community, actor, action, target, reason, data, at FROM id_audit_entry ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${input.limit + 1}`,
      params,
    );
    const items = rows.slice(0, input.limit).map((row) => ({
      id: String(toNumber(row.seq)),
      community: toTextOrNull(row.community),
      actor: toText(row.actor),
      action: toText(row.action),
      target: toTextOrNull(row.target),
      reason: toTextOrNull(row.reason),
      data: JSON.parse(toText(row.data)) as JsonObject, // written by `append` from a JsonObject
      at: new Date(toNumber(row.at)).toISOString(),
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > input.limit && last !== undefined ? last.id : null };
  }
}
