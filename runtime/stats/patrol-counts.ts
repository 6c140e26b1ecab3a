import type { WorkingCalendar } from '../../engine/calendar/index.js';
import { toNumber, toTextOrNull, type SqlTx } from '../persistence/sql-database.js';
import { calendarCte, localDay, localDaySql } from './stats-calendar.js';
import { placeholders, type StatsFilter } from './stats-filter.js';

/** Patrols reported in one month by one kind of reporter (楼组长 `bl`, 志愿者 `vol`). */
export interface PatrolCount {
  readonly month: string;
  readonly reporterRole: string | null;
  readonly reports: number;
  readonly urgent: number;
  readonly closed: number;
}

/** Volunteer and building-leader patrol counts by month from `patrol-report` cases. */
export async function patrolCounts(db: SqlTx, calendar: WorkingCalendar, filter: StatsFilter, processKey = 'patrol-report'): Promise<PatrolCount[]> {
  const rows = await db.all(
    `WITH ${calendarCte(calendar, localDay(filter.from), localDay(filter.to))}
SELECT cs.ym AS month, role.text_value AS reporter_role, COUNT(*) AS reports,
  SUM(CASE WHEN urgent.text_value = 'true' THEN 1 ELSE 0 END) AS urgent,
  SUM(CASE WHEN p.status = 'completed' THEN 1 ELSE 0 END) AS closed
FROM wf_process_instance p
JOIN cal cs ON cs.day = ${localDaySql('p.started_at')}
LEFT JOIN wf_instance_variable role ON role.instance_id = p.id AND role.name = 'reporterRole'
LEFT JOIN wf_instance_variable urgent ON urgent.instance_id = p.id AND urgent.name = 'urgent'
WHERE p.community IN (${placeholders(filter.communities)}) AND p.process_key = ? AND p.started_at >= ? AND p.started_at < ?
GROUP BY cs.ym, role.text_value`,
    [...filter.communities, processKey, filter.from, filter.to],
  );
  return rows
    .map((row) => ({
      month: String(row.month),
      reporterRole: toTextOrNull(row.reporter_role),
      reports: toNumber(row.reports),
      urgent: toNumber(row.urgent),
      closed: toNumber(row.closed),
    }))
    .sort((a, b) => (a.month === b.month ? String(a.reporterRole).localeCompare(String(b.reporterRole)) : a.month < b.month ? -1 : 1));
}
