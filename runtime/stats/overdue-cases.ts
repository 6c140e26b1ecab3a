import { toNumber, toNumberOrNull, toTextOrNull, type SqlTx } from '../persistence/sql-database.js';
import { categoryVariables } from './case-dimensions.js';
import { placeholders } from './stats-filter.js';

/** One case on the report's overdue list: what, where, who handles it; never who complained. */
export interface OverdueCase {
  readonly processKey: string;
  readonly businessKey: string | null;
  readonly category: string | null;
  readonly building: string | null;
  readonly handler: string | null;
  readonly status: string;
  readonly startedAt: number;
  /** The step that is (or was) late, and its due time. */
  readonly lateStep: string | null;
  readonly dueAt: number | null;
}

/**
 * Cases started in [from, to) that went overdue (`overdue = true`), plus any case of the
 * community still waiting at `cutoff` on a task past its due time.
 */
export async function overdueCases(db: SqlTx, community: string, from: number, to: number, cutoff: number): Promise<OverdueCase[]> {
  const rows = await db.all(
    `SELECT p.process_key, p.business_key, p.status, p.started_at,
  (SELECT MIN(v.text_value) FROM wf_instance_variable v WHERE v.instance_id = p.id AND v.name IN (${placeholders(categoryVariables)})) AS category,
  (SELECT MIN(v.num_value) FROM wf_instance_variable v WHERE v.instance_id = p.id AND v.name = 'building') AS building,
  (SELECT MIN(v.text_value) FROM wf_instance_variable v WHERE v.instance_id = p.id AND v.name = 'handlerGroup') AS handler,
  (SELECT MIN(t.due_at) FROM wf_user_task t WHERE t.instance_id = p.id AND t.due_at IS NOT NULL AND ((t.status = 'open' AND t.due_at < ?) OR (t.status = 'completed' AND t.completed_at > t.due_at))) AS due_at,
  (SELECT MIN(COALESCE(t.name, t.element_id)) FROM wf_user_task t WHERE t.instance_id = p.id AND t.due_at IS NOT NULL AND ((t.status = 'open' AND t.due_at < ?) OR (t.status = 'completed' AND t.completed_at > t.due_at))) AS late_step
FROM wf_process_instance p
LEFT JOIN wf_instance_variable ov ON ov.instance_id = p.id AND ov.name = 'overdue'
WHERE p.community = ? AND p.started_at < ? AND (
  (ov.text_value = 'true' AND p.started_at >= ?)
  OR (p.status = 'active' AND EXISTS (SELECT 1 FROM wf_user_task t WHERE t.instance_id = p.id AND t.status = 'open' AND t.due_at < ?))
)
ORDER BY p.started_at, p.id
LIMIT 500`,
    [...categoryVariables, cutoff, cutoff, community, to, from, cutoff],
  );
  return rows.map((row) => ({
    processKey: String(row.process_key),
    businessKey: toTextOrNull(row.business_key),
    category: toTextOrNull(row.category),
    building: row.building === null || row.building === undefined ? null : String(toNumber(row.building)),
    handler: toTextOrNull(row.handler),
    status: String(row.status),
    startedAt: toNumber(row.started_at),
    lateStep: toTextOrNull(row.late_step),
    dueAt: toNumberOrNull(row.due_at),
  }));
}
