import type { SqlValue } from '../persistence/sql-database.js';
import { BadRequestError } from './errors.js';
import { keysetClause, type KeysetSort } from './keyset-page.js';
import { TASK_COLUMNS } from './row-mappers.js';
import type { QueryTasksInput, TaskSortField, TaskVariableFilter, TaskViewer } from './workflow-service.js';

const SORT_COLUMNS: Readonly<Record<TaskSortField, string>> = {
  createdAt: 't.created_at',
  dueDate: 't.due_at',
  followUpDate: 't.follow_up_at',
  priority: 't.priority',
  completedAt: 't.completed_at',
};

const VARIABLE_OPERATORS = { eq: '=', neq: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/** The SQL of a task query (one statement, every filter a bound parameter) and its sort. */
export function taskQuerySql(input: QueryTasksInput, now: number, limit: number): { sql: string; params: SqlValue[]; sort: KeysetSort } {
  const where: string[] = ['t.community = ?'];
  const params: SqlValue[] = [input.community];
  const add = (clause: string, ...values: SqlValue[]) => {
    where.push(clause);
    params.push(...values);
  };

  const status = input.status ?? 'open';
  if (status !== 'all') add('t.status = ?', status);
  if (input.visibleTo) {
    const candidate = candidateClause(input.visibleTo, input.community);
    add(`(t.assignee = ? OR t.completed_by = ? OR ${candidate.sql})`, input.visibleTo.userId, input.visibleTo.userId, ...candidate.params);
  }
  if (input.assignee === null) add('t.assignee IS NULL');
  else if (input.assignee !== undefined) add('t.assignee = ?', input.assignee);
  if (input.candidate) {
    const candidate = candidateClause(input.candidate, input.community);
    add(candidate.sql, ...candidate.params);
  }
  if (input.candidateGroup !== undefined) {
    add("EXISTS (SELECT 1 FROM wf_task_candidate c WHERE c.task_id = t.id AND c.kind = 'g' AND c.value = ?)", input.candidateGroup);
  }
  if (input.overdue === true) add("t.status = 'open' AND t.due_at IS NOT NULL AND t.due_at < ?", now);
  if (input.overdue === false) add('(t.due_at IS NULL OR t.due_at >= ?)', now);
  if (input.completedBy !== undefined) add('t.completed_by = ?', input.completedBy);
  if (input.processKey !== undefined) add('t.process_key = ?', input.processKey);
  if (input.instanceId !== undefined) add('t.instance_id = ?', input.instanceId);
  if (input.elementId !== undefined) add('t.element_id = ?', input.elementId);
  if (input.businessKey !== undefined) add('t.business_key = ?', input.businessKey);
  range(add, 't.created_at', input.createdAfter, input.createdBefore, 'created');
  range(add, 't.due_at', input.dueAfter, input.dueBefore, 'due');
  range(add, 't.follow_up_at', input.followUpAfter, input.followUpBefore, 'followUp');
  range(add, 't.completed_at', input.completedAfter, input.completedBefore, 'completed');
  for (const filter of input.variables ?? []) variableClause(filter, input.community, add);

  const sortField = input.sort?.field ?? 'createdAt';
  const sort: KeysetSort = { column: SORT_COLUMNS[sortField], idColumn: 't.id', order: input.sort?.order ?? 'desc' };
  const keyset = keysetClause(sort, input.cursor);
  if (keyset.where) add(keyset.where, ...keyset.params);
  const sql = `SELECT ${TASK_COLUMNS} FROM wf_user_task t WHERE ${where.join(' AND ')} ${keyset.orderBy} LIMIT ${limit + 1}`;
  return { sql, params, sort };
}

/**
 * Tasks where the viewer is a candidate user or holds one of the candidate groups: one EXISTS per
 * kind, each naming task, community, kind and value. Naming the community lets PostgreSQL use the
 * (community, kind, value, task) index instead of scanning every community's candidate rows
 * (`bench/runtime/inbox.ts --db postgresql`, 100k open tasks: p95 150 ms without it, 23 ms with
 * it); keeping user and groups apart (not one EXISTS with `(kind = 'u' …) OR (kind = 'g' …)`)
 * lets SQLite look each one up by the (task, kind, value) key — with the OR inside, it scanned
 * every candidate row of the community for each open task, growing with the history.
 */
function candidateClause(viewer: TaskViewer, community: string): { sql: string; params: SqlValue[] } {
  const groups = viewer.groups.filter((g) => g !== '');
  const exists = (kind: 'u' | 'g', values: string) => `EXISTS (SELECT 1 FROM wf_task_candidate c WHERE c.task_id = t.id AND c.community = ? AND c.kind = '${kind}' AND c.value ${values})`;
  const userPart = exists('u', '= ?');
  if (groups.length === 0) return { sql: userPart, params: [community, viewer.userId] };
  return {
    sql: `(${userPart} OR ${exists('g', `IN (${groups.map(() => '?').join(', ')})`)})`,
    params: [community, viewer.userId, community, ...groups],
  };
}

function range(add: (clause: string, ...values: SqlValue[]) => void, column: string, after: string | undefined, before: string | undefined, name: string): void {
  if (after !== undefined) add(`${column} >= ?`, timeOf(after, `${name}After`));
  if (before !== undefined) add(`${column} < ?`, timeOf(before, `${name}Before`));
}

function timeOf(iso: string, field: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new BadRequestError(`${field} 不是有效时间 / ${field} is not a valid date-time: ${iso}`, { field });
  return ms;
}

function variableClause(filter: TaskVariableFilter, community: string, add: (clause: string, ...values: SqlValue[]) => void): void {
  const base = 'SELECT v.instance_id FROM wf_instance_variable v WHERE v.community = ? AND v.name = ? AND';
  if (filter.op === 'like') {
    add(`t.instance_id IN (${base} v.text_value LIKE ? ESCAPE '\\')`, community, filter.name, `%${String(filter.value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    return;
  }
  const op = VARIABLE_OPERATORS[filter.op];
  if (typeof filter.value === 'number') add(`t.instance_id IN (${base} v.num_value ${op} ?)`, community, filter.name, filter.value);
  else add(`t.instance_id IN (${base} v.text_value ${op} ?)`, community, filter.name, String(filter.value));
}
