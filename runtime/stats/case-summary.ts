import type { SqlTx } from '../persistence/sql-database.js';
import { categoryVariables } from './case-dimensions.js';

/**
 * The per-case summary (`wf_case_summary`) the statistics read: computed from the instance row,
 * its first user task and its variable projection by one statement that runs on SQLite and
 * PostgreSQL. The command processor calls `refreshCaseSummary` in the same transaction as the
 * history row of every command, so the summary is never behind the case; migration 0006 fills it
 * for databases that already hold cases (`backfillCaseSummaries`). A command that changes nothing the
 * summary holds (most of them) leaves its row unwritten: on SQLite every row and index written
 * is pages in the commit, on PostgreSQL a dead tuple.
 */
const COLUMNS = [
  'instance_id',
  'community',
  'process_key',
  'status',
  'started_at',
  'ended_at',
  'first_task_status',
  'first_task_due_at',
  'first_task_completed_at',
  'satisfaction',
  'overdue',
  'category',
  'building',
  'handler',
] as const;

function variable(alias: string, name: string): string {
  return `LEFT JOIN wf_instance_variable ${alias} ON ${alias}.instance_id = p.id AND ${alias}.name = '${name}'`;
}

function upsert(where: string): string {
  return `INSERT INTO wf_case_summary (${COLUMNS.join(', ')})
SELECT p.id, p.community, p.process_key, p.status, p.started_at, p.ended_at,
  ft.status, ft.due_at, ft.completed_at,
  sat.text_value,
  CASE WHEN ov.text_value = 'true' THEN 1 ELSE 0 END,
  COALESCE(${categoryVariables.map((_, i) => `cat${i}.text_value`).join(', ')}),
  bld.num_value,
  hdl.text_value
FROM wf_process_instance p
LEFT JOIN wf_user_task ft ON ft.id = (SELECT t.id FROM wf_user_task t WHERE t.instance_id = p.id ORDER BY t.created_at, t.id LIMIT 1)
${variable('sat', 'satisfaction')}
${variable('ov', 'overdue')}
${categoryVariables.map((name, i) => variable(`cat${i}`, name)).join('\n')}
${variable('bld', 'building')}
${variable('hdl', 'handlerGroup')}
WHERE ${where}
ON CONFLICT (instance_id) DO UPDATE SET ${COLUMNS.slice(1)
    .map((column) => `${column} = excluded.${column}`)
    .join(', ')}
WHERE ${COLUMNS.slice(1)
    .map((column) => `wf_case_summary.${column} IS DISTINCT FROM excluded.${column}`)
    .join(' OR ')}`;
}

const REFRESH_ONE = upsert('p.id = ?');

/** The statement that fills the summary for every case (migration 0006, and after bulk loads). */
export const BACKFILL_CASE_SUMMARIES = upsert('1 = 1');

/** Rewrites one case's summary row from its current rows (inside the caller's transaction); how many rows it wrote (0 when nothing changed). */
export async function refreshCaseSummary(tx: SqlTx, instanceId: string): Promise<number> {
  return tx.run(REFRESH_ONE, [instanceId]);
}

/** Rewrites every case's summary row. */
export async function backfillCaseSummaries(tx: SqlTx): Promise<void> {
  await tx.run(BACKFILL_CASE_SUMMARIES);
}
