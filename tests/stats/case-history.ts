import type { SqlTx, SqlValue } from '../../runtime/persistence/sql-database.js';
import { refreshCaseSummary } from '../../runtime/stats/case-summary.js';

/** One user task of a generated case. */
export interface TaskSpec {
  readonly elementId: string;
  readonly createdAt: number;
  readonly dueAt?: number;
  readonly completedAt?: number;
  readonly status?: 'open' | 'completed' | 'cancelled';
}

/** One case as it would sit in the runtime's tables after the engine ran it. */
export interface CaseSpec {
  readonly id: string;
  readonly community: string;
  readonly processKey: string;
  readonly status: 'active' | 'completed' | 'terminated';
  readonly startedAt: number;
  readonly endedAt?: number;
  readonly startedBy?: string;
  /** Top-level variables: scalars also go to the variable projection, objects only to the state. */
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly tasks?: readonly TaskSpec[];
  /** Comments: public replies and internal notes. */
  readonly comments?: readonly { readonly visibility: 'public' | 'internal'; readonly body: string; readonly at: number }[];
}

/** Shanghai wall-clock time (UTC+8) as epoch milliseconds. */
export function shanghai(isoLocal: string): number {
  return Date.parse(`${isoLocal}+08:00`);
}

/**
 * Writes a case into the real tables (instance, user tasks, variable projection, comments) the
 * way the runtime's projections hold them, then its case summary as the command processor does,
 * so statistics read exactly what a server would have.
 */
export async function insertCase(db: SqlTx, spec: CaseSpec): Promise<void> {
  const variables = spec.variables ?? {};
  const state = JSON.stringify({ schemaVersion: 1, variables });
  await db.run(
    `INSERT INTO wf_process_instance (id, community, definition_id, process_key, definition_version, status, business_key, state, version, started_by, started_at, ended_at, open_incidents)
     VALUES (?, ?, ?, ?, 1, ?, NULL, ?, 1, ?, ?, ?, 0)`,
    [spec.id, spec.community, `def-${spec.processKey}`, spec.processKey, spec.status, state, spec.startedBy ?? 'resident-1', spec.startedAt, spec.endedAt ?? null],
  );
  for (const [name, value] of Object.entries(variables)) {
    const text: SqlValue = typeof value === 'string' ? value.slice(0, 200) : typeof value === 'boolean' ? String(value) : null;
    const num: SqlValue = typeof value === 'number' ? value : null;
    if (text === null && num === null) continue;
    await db.run('INSERT INTO wf_instance_variable (instance_id, name, community, text_value, num_value) VALUES (?, ?, ?, ?, ?)', [spec.id, name, spec.community, text, num]);
  }
  let n = 0;
  for (const task of spec.tasks ?? []) {
    n += 1;
    const status = task.status ?? (task.completedAt === undefined ? 'open' : 'completed');
    await db.run(
      `INSERT INTO wf_user_task (id, instance_id, community, process_key, definition_id, element_id, name, status, assignee, candidate_groups, candidate_users, due_at, follow_up_at, priority, form_id, form_key, business_key, properties, warnings, created_at, completed_at, completed_by, version)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, '[]', '[]', ?, NULL, 50, NULL, NULL, NULL, '{}', '[]', ?, ?, ?, 1)`,
      [`${spec.id}-t${n}`, spec.id, spec.community, spec.processKey, `def-${spec.processKey}`, task.elementId, status, task.dueAt ?? null, task.createdAt, task.completedAt ?? null, task.completedAt === undefined ? null : 'staff-1'],
    );
  }
  n = 0;
  for (const comment of spec.comments ?? []) {
    n += 1;
    await db.run('INSERT INTO wf_comment (id, instance_id, task_id, community, visibility, body, author, created_at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?)', [
      `${spec.id}-c${n}`,
      spec.id,
      spec.community,
      comment.visibility,
      comment.body,
      'staff-1',
      comment.at,
    ]);
  }
  await refreshCaseSummary(db, spec.id);
}
