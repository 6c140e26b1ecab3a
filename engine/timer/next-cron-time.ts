import { Temporal } from 'temporal-polyfill';
import type { CronSpec } from './cron-expression.js';

/** How far ahead to look before concluding an expression never matches again (the Gregorian cycle). */
const SEARCH_YEARS = 400;

/**
 * The first instant strictly after `afterMs` (epoch ms) whose wall-clock time in `timeZone`
 * matches `spec`, or null when none comes within 400 years (e.g. 29 February on a weekday that
 * the calendar never pairs with it in that span). A wall-clock time skipped by a DST change moves
 * later; a repeated one fires at its first occurrence.
 */
export function nextCronTime(spec: CronSpec, afterMs: number, timeZone: string): number | null {
  const start = Temporal.Instant.fromEpochMilliseconds(afterMs).toZonedDateTimeISO(timeZone);
  let { year, month, day, hour, minute, second } = start;
  second += 1; // strictly after, at whole seconds
  const lastYear = year + SEARCH_YEARS;
  for (;;) {
    // Carry overflowing fields upwards, like an odometer.
    if (second > 59) [second, minute] = [0, minute + 1];
    if (minute > 59) [minute, hour] = [0, hour + 1];
    if (hour > 23) [hour, day] = [0, day + 1];
    if (day > daysInMonth(year, month)) [day, month] = [1, month + 1];
    if (month > 12) [month, year] = [1, year + 1];
    if (year > lastYear) return null;
    if (!spec.months.has(month)) [month, day, hour, minute, second] = [month + 1, 1, 0, 0, 0];
    else if (!spec.daysOfMonth.has(day) || !spec.daysOfWeek.has(isoWeekday(year, month, day))) [day, hour, minute, second] = [day + 1, 0, 0, 0];
    else if (!spec.hours.has(hour)) [hour, minute, second] = [hour + 1, 0, 0];
    else if (!spec.minutes.has(minute)) [minute, second] = [minute + 1, 0];
    else if (!spec.seconds.has(second)) second += 1;
    else {
      const candidate = Temporal.PlainDateTime.from({ year, month, day, hour, minute, second })
        .toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
      if (candidate > afterMs) return candidate;
      second += 1; // the repeated hour after a DST change maps to an instant already passed
    }
  }
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** 1 = Monday … 7 = Sunday (Sakamoto's method). */
function isoWeekday(year: number, month: number, day: number): number {
  const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const y = month < 3 ? year - 1 : year;
  const sundayBased = (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + (offsets[month - 1] ?? 0) + day) % 7;
  return sundayBased === 0 ? 7 : sundayBased;
}
