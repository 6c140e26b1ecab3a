import type { JsonObject } from '../../engine/state/json.js';
import { toNumber, toText, type SqlDatabase, type SqlValue } from '../persistence/sql-database.js';
import { parseJson } from './row-mappers.js';

/** Which jobs to take and for how long. */
export interface AcquireFilter {
  /** Any community when omitted (the built-in connectors serve all communities). */
  readonly community?: string;
  readonly types: readonly string[];
  readonly worker: string;
  readonly max: number;
  readonly lockTimeoutMs: number;
  readonly now: number;
}

/** A job as handed to a worker. */
export interface AcquiredJob {
  readonly key: string;
  readonly community: string;
  readonly instanceId: string;
  readonly definitionId: string;
  readonly processKey: string;
  readonly type: string;
  readonly elementId: string;
  readonly retries: number;
  readonly lockExpiresAt: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly variables: JsonObject;
}

const COLUMNS = 'j.id, j.community, j.instance_id, j.definition_id, j.process_key, j.type, j.element_id, j.retries, j.payload';
const LOCK = 'UPDATE wf_job SET lock_owner = ?, lock_expires_at = ? WHERE id = ? AND (lock_expires_at IS NULL OR lock_expires_at <= ?)';

/**
 * Takes up to `max` due, unlocked service jobs and stamps the lock owner and expiry, in one
 * transaction. On PostgreSQL `SKIP LOCKED` lets concurrent acquirers take disjoint jobs; on
 * SQLite transactions are serial. Either way a second acquirer gets no job the first took.
 */
export async function acquireJobs(db: SqlDatabase, filter: AcquireFilter): Promise<AcquiredJob[]> {
  if (filter.types.length === 0 || filter.max < 1) return [];
  return db.transaction(async (tx) => {
    const params: SqlValue[] = [];
    let where = "j.kind = 'service' AND j.status = 'active'";
    if (filter.community !== undefined) {
      where += ' AND j.community = ?';
      params.push(filter.community);
    }
    where += ` AND j.type IN (${filter.types.map(() => '?').join(', ')}) AND j.due_at <= ? AND (j.lock_expires_at IS NULL OR j.lock_expires_at <= ?)`;
    params.push(...filter.types, filter.now, filter.now);
    const rows = await tx.all(`SELECT ${COLUMNS} FROM wf_job j WHERE ${where} ORDER BY j.due_at LIMIT ${Math.floor(filter.max)}${db.forUpdateSkipLocked}`, params);
    const lockExpiresAt = filter.now + filter.lockTimeoutMs;
    const jobs: AcquiredJob[] = [];
    for (const row of rows) {
      const key = toText(row.id);
      const changed = await tx.run(LOCK, [filter.worker, lockExpiresAt, key, filter.now]);
      if (changed === 0) continue;
      const payload = parseJson<{ headers: Record<string, string>; variables: JsonObject }>(row.payload);
      jobs.push({
        key,
        community: toText(row.community),
        instanceId: toText(row.instance_id),
        definitionId: toText(row.definition_id),
        processKey: toText(row.process_key),
        type: toText(row.type),
        elementId: toText(row.element_id),
        retries: toNumber(row.retries),
        lockExpiresAt,
        headers: payload.headers,
        variables: payload.variables,
      });
    }
    return jobs;
  });
}
