import { dayNumberToFields, dayNumberToIsoDate, isWeekend } from './calendar-date.js';
import { dayStatusOf, type DayStatus } from './create-working-calendar.js';
import type { WorkingCalendar } from './working-calendar.js';

/** Called once per year that a computation touched without loaded data. */
export type MissingYearHandler = (year: number) => void;

/** How far a working-day computation may walk before giving up (about 100 years). */
export const MAX_CALENDAR_SPAN_DAYS = 36_600;

/**
 * Answers "is this day a working day" from the calendar, falling back to weekends-only for
 * years without data and reporting each such year once per computation.
 */
class DayClassifier {
  private readonly reported = new Set<number>();
  private readonly status: DayStatus;

  constructor(
    calendar: WorkingCalendar,
    private readonly onMissingYear: MissingYearHandler,
  ) {
    this.status = dayStatusOf(calendar, dayNumberToIsoDate);
  }

  isWorkingDay(dayNumber: number): boolean {
    const known = this.status(dayNumber);
    if (known !== undefined) return known;
    const { year } = dayNumberToFields(dayNumber);
    if (!this.reported.has(year)) {
      this.reported.add(year);
      this.onMissingYear(year);
    }
    return !isWeekend(dayNumber);
  }
}

export function isWorkingDayNumber(calendar: WorkingCalendar, dayNumber: number, onMissingYear: MissingYearHandler): boolean {
  return new DayClassifier(calendar, onMissingYear).isWorkingDay(dayNumber);
}

/**
 * The day `n` working days after `from` (n > 0: counting starts the day after `from`, so the
 * status of `from` itself does not matter), or before it (n < 0). n = 0 returns `from` when it
 * is a working day, else the next working day ("due today" on a holiday means the next working
 * day). Returns `null` for a non-integer n or when the walk exceeds about 100 years.
 */
export function addWorkingDays(calendar: WorkingCalendar, from: number, n: number, onMissingYear: MissingYearHandler): number | null {
  if (!Number.isInteger(n)) return null;
  const days = new DayClassifier(calendar, onMissingYear);
  let day = from;
  if (n === 0) {
    for (let steps = 0; steps <= MAX_CALENDAR_SPAN_DAYS; steps++, day++) {
      if (days.isWorkingDay(day)) return day;
    }
    return null;
  }
  const direction = n > 0 ? 1 : -1;
  let remaining = Math.abs(n);
  for (let steps = 0; steps < MAX_CALENDAR_SPAN_DAYS; steps++) {
    day += direction;
    if (days.isWorkingDay(day) && --remaining === 0) return day;
  }
  return null;
}

/**
 * Working days in (from, to]: the days after `from` up to and including `to`, so that
 * `workingDaysBetween(d, addWorkingDays(d, n)) = n` for n ≥ 0. Negative when `to` is before
 * `from` (counting (to, from]). Returns `null` when the span exceeds about 100 years.
 */
export function workingDaysBetween(calendar: WorkingCalendar, from: number, to: number, onMissingYear: MissingYearHandler): number | null {
  if (Math.abs(to - from) > MAX_CALENDAR_SPAN_DAYS) return null;
  const days = new DayClassifier(calendar, onMissingYear);
  const [start, end, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let day = start + 1; day <= end; day++) if (days.isWorkingDay(day)) count++;
  return sign * count;
}
