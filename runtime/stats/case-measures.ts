import type { WorkingCalendar } from '../../engine/calendar/index.js';
import { toNumber, toNumberOrNull, type SqlTx, type SqlValue } from '../persistence/sql-database.js';
import { dimensionSql, type CaseDimension } from './case-dimensions.js';
import { calendarCte, localDay, localDaySql } from './stats-calendar.js';
import { placeholders, type StatsFilter } from './stats-filter.js';

/** The 12345-style figures for one group of cases. Rates are 0–1, null when nothing to divide. */
export interface CaseMeasures {
  /** The group's value (community id, process key, category, building, handling role, YYYY-MM); null = not recorded. */
  readonly group: string | null;
  readonly cases: number;
  readonly closed: number;
  readonly cancelled: number;
  /** Cases whose first step (受理) was done, or whose time limit for it has passed. */
  readonly responseMeasured: number;
  readonly respondedInTime: number;
  readonly responseRate: number | null;
  /** Closed cases with a satisfaction rating other than 不满意 (解决率 = solved / rated). */
  readonly solved: number;
  readonly resolutionRate: number | null;
  /** Closed cases with any rating. */
  readonly rated: number;
  readonly satisfied: number;
  readonly satisfactionRate: number | null;
  /** Cases that went past their handling time limit (the templates set `overdue = true`). */
  readonly overdue: number;
  /** Mean working days (holidays and 调休 counted) from start to close, over closed cases. */
  readonly avgWorkingDaysToClose: number | null;
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * Case measures grouped by one dimension, in one SQL statement that runs on SQLite and
 * PostgreSQL over the per-case summary (`wf_case_summary`: status, first user task, the scalar
 * variables the templates record), one index range for a year of a sub-district. Working days
 * come from a calendar table expression, so holidays and 调休 count as the engine counts them.
 */
export async function caseMeasures(db: SqlTx, calendar: WorkingCalendar, filter: StatsFilter, dimension: CaseDimension): Promise<CaseMeasures[]> {
  const firstDay = localDay(filter.from);
  const lastDay = localDay(Math.max(filter.to, filter.now)) + 1;
  const processKeys = filter.processKeys ?? [];
  const params: SqlValue[] = [...filter.communities, filter.from, filter.to, ...processKeys];
  const group = dimensionSql(dimension);
  const sql = `WITH ${calendarCte(calendar, firstDay, lastDay)}
SELECT ${group} AS grp,
  COUNT(*) AS cases,
  SUM(CASE WHEN s.status = 'completed' THEN 1 ELSE 0 END) AS closed,
  SUM(CASE WHEN s.status = 'terminated' THEN 1 ELSE 0 END) AS cancelled,
  SUM(CASE WHEN s.first_task_status = 'completed' OR (s.first_task_status = 'open' AND s.first_task_due_at < ${Math.trunc(filter.now)}) THEN 1 ELSE 0 END) AS response_measured,
  SUM(CASE WHEN s.first_task_status = 'completed' AND (s.first_task_due_at IS NULL OR s.first_task_completed_at <= s.first_task_due_at) THEN 1 ELSE 0 END) AS responded_in_time,
  SUM(CASE WHEN s.status = 'completed' AND s.satisfaction IS NOT NULL AND s.satisfaction <> 'unsatisfied' THEN 1 ELSE 0 END) AS solved,
  SUM(CASE WHEN s.status = 'completed' AND s.satisfaction IS NOT NULL THEN 1 ELSE 0 END) AS rated,
  SUM(CASE WHEN s.status = 'completed' AND s.satisfaction = 'satisfied' THEN 1 ELSE 0 END) AS satisfied,
  SUM(s.overdue) AS overdue,
  SUM(CASE WHEN s.status = 'completed' AND ce.idx IS NOT NULL THEN ce.idx - cs.idx ELSE 0 END) AS wd_sum,
  SUM(CASE WHEN s.status = 'completed' AND ce.idx IS NOT NULL THEN 1 ELSE 0 END) AS wd_count
FROM wf_case_summary s
JOIN cal cs ON cs.day = ${localDaySql('s.started_at')}
LEFT JOIN cal ce ON ce.day = ${localDaySql('s.ended_at')}
WHERE s.community IN (${placeholders(filter.communities)}) AND s.started_at >= ? AND s.started_at < ?
${processKeys.length > 0 ? `AND s.process_key IN (${placeholders(processKeys)})` : ''}
GROUP BY ${group}`;
  const rows = await db.all(sql, params);
  // Sorted here: SQLite puts NULL first, PostgreSQL last.
  return rows.map((row) => {
    const cases = toNumber(row.cases);
    const closed = toNumber(row.closed);
    const responseMeasured = toNumber(row.response_measured);
    const respondedInTime = toNumber(row.responded_in_time);
    const solved = toNumber(row.solved);
    const rated = toNumber(row.rated);
    const satisfied = toNumber(row.satisfied);
    const wdCount = toNumber(row.wd_count);
    const rawGroup = row.grp;
    return {
      group: rawGroup === null || rawGroup === undefined ? null : groupText(rawGroup),
      cases,
      closed,
      cancelled: toNumber(row.cancelled),
      responseMeasured,
      respondedInTime,
      responseRate: rate(respondedInTime, responseMeasured),
      solved,
      resolutionRate: rate(solved, rated),
      rated,
      satisfied,
      satisfactionRate: rate(satisfied, rated),
      overdue: toNumber(row.overdue),
      avgWorkingDaysToClose: wdCount === 0 ? null : Math.round((toNumber(row.wd_sum) / wdCount) * 100) / 100,
    };
  }).sort(byGroup);
}

/** Not recorded first, then numbers numerically (building 3 before 12), then text. */
export function byGroup(a: { readonly group: string | null }, b: { readonly group: string | null }): number {
  if (a.group === b.group) return 0;
  if (a.group === null) return -1;
  if (b.group === null) return 1;
  const na = Number(a.group);
  const nb = Number(b.group);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a.group < b.group ? -1 : 1;
}

/** Group values come back as text, or as numbers for building numbers (PostgreSQL may send text). */
function groupText(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return /^\d+\.0+$/.test(value) ? value.replace(/\.0+$/, '') : value;
  return String(toNumberOrNull(value));
}
