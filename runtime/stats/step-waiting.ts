import { toNumber, toNumberOrNull, toTextOrNull, type SqlTx } from '../persistence/sql-database.js';
import { placeholders, type StatsFilter } from './stats-filter.js';

/** How long cases wait at one user task of a process: the bottleneck heat on the diagram. */
export interface StepWaiting {
  readonly elementId: string;
  readonly name: string | null;
  /** Finished visits and their mean wait from creation to completion (ms). */
  readonly completed: number;
  readonly avgWaitMs: number | null;
  /** Visits still waiting and their mean age at `now` (ms). */
  readonly open: number;
  readonly avgOpenAgeMs: number | null;
  /** Visits finished after their due time. */
  readonly late: number;
}

/** Average waiting time per user task of one process over the tasks created in the period. */
export async function stepWaiting(db: SqlTx, filter: StatsFilter, processKey: string): Promise<StepWaiting[]> {
  const now = Math.trunc(filter.now);
  const rows = await db.all(
    `SELECT t.element_id, MIN(t.name) AS name,
  SUM(CASE WHEN t.status = 'completed' THEN 1 ELSE 0 END) AS completed,
  AVG(CASE WHEN t.status = 'completed' THEN t.completed_at - t.created_at END) AS avg_wait,
  SUM(CASE WHEN t.status = 'open' THEN 1 ELSE 0 END) AS open_count,
  AVG(CASE WHEN t.status = 'open' THEN ${now} - t.created_at END) AS avg_open_age,
  SUM(CASE WHEN t.status = 'completed' AND t.due_at IS NOT NULL AND t.completed_at > t.due_at THEN 1 ELSE 0 END) AS late
FROM wf_user_task t
WHERE t.community IN (${placeholders(filter.communities)}) AND t.process_key = ? AND t.created_at >= ? AND t.created_at < ?
GROUP BY t.element_id`,
    [...filter.communities, processKey, filter.from, filter.to],
  );
  const round = (value: unknown): number | null => {
    const n = toNumberOrNull(value);
    return n === null ? null : Math.round(n);
  };
  return rows
    .map((row) => ({
      elementId: String(row.element_id),
      name: toTextOrNull(row.name),
      completed: toNumber(row.completed),
      avgWaitMs: round(row.avg_wait),
      open: toNumber(row.open_count),
      avgOpenAgeMs: round(row.avg_open_age),
      late: toNumber(row.late),
    }))
    .sort((a, b) => (b.avgWaitMs ?? 0) - (a.avgWaitMs ?? 0));
}
