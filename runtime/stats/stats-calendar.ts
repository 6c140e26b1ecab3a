import { dayNumberToIsoDate, isWorkingDayNumber, type WorkingCalendar } from '../../engine/calendar/index.js';

/** Shanghai is UTC+8 all year: a timestamp's local day number is integer SQL on both dialects. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

/** SQL for the Shanghai day number (days since 1970-01-01) of a millisecond column. */
export function localDaySql(column: string): string {
  return `((${column} + ${SHANGHAI_OFFSET_MS}) / ${DAY_MS})`;
}

/** The Shanghai day number of a timestamp. */
export function localDay(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/**
 * A `cal(day, idx, ym)` common table expression over [firstDay, lastDay]: `idx` counts the
 * working days up to and including `day`, so `idx(end) - idx(start)` is the working days in
 * (start, end] like the engine's `workingDaysBetween`; `ym` is the month for grouping. Built
 * from the holiday calendar (调休 included) because neither SQLite nor PostgreSQL knows it; the
 * values are integers and fixed-format dates we produce, so inlining them is safe.
 * Years without calendar data count Monday–Friday.
 */
export function calendarCte(calendar: WorkingCalendar, firstDay: number, lastDay: number): string {
  const rows: string[] = [];
  let idx = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    if (isWorkingDayNumber(calendar, day, () => undefined)) idx++;
    rows.push(`(${day}, ${idx}, '${dayNumberToIsoDate(day).slice(0, 7)}')`);
  }
  return `cal(day, idx, ym) AS (VALUES ${rows.join(', ')})`;
}
