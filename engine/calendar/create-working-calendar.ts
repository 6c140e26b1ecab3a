import { firstDayOfYear, isoDateToDayNumber, isWeekend } from './calendar-date.js';
import type { CalendarYear, UpdatableWorkingCalendar, WorkingCalendar } from './working-calendar.js';

/** Working-day status by day number: `undefined` when the day's year is not loaded. */
export type DayStatus = (dayNumber: number) => boolean | undefined;

const fastStatus = new WeakMap<WorkingCalendar, DayStatus>();

/**
 * Builds the working-day calendar from yearly data. Weekends are days off unless listed as
 * moved working days (调休上班); listed holidays are days off; a date in a year that is not
 * loaded is `undefined` (callers decide how to fall back, and must say so).
 * When a year appears twice, the later entry wins, so an admin upload can replace shipped data.
 * `addYear` adds or replaces a year later (an upload while the server runs): the next
 * computation sees it (computations are synchronous, so none is cut in half).
 */
export function createWorkingCalendar(years: readonly CalendarYear[]): UpdatableWorkingCalendar {
  const byYear = new Map<number, CalendarYear>();
  for (const entry of years) byYear.set(entry.year, entry);
  let loaded = index(byYear);

  const status: DayStatus = (dayNumber) => {
    const { ranges, exceptions } = loaded;
    if (!ranges.some((r) => dayNumber >= r.from && dayNumber < r.to)) return undefined;
    return exceptions.get(dayNumber) ?? !isWeekend(dayNumber);
  };

  const calendar: UpdatableWorkingCalendar = {
    get years() {
      return loaded.years;
    },
    isWorkingDay(isoDate: string): boolean | undefined {
      const dayNumber = isoDateToDayNumber(isoDate);
      return dayNumber === null ? undefined : status(dayNumber);
    },
    addYear(entry: CalendarYear): void {
      byYear.set(entry.year, entry);
      loaded = index(byYear);
    },
    yearData(year: number): CalendarYear | undefined {
      return byYear.get(year);
    },
  };
  fastStatus.set(calendar, status);
  return calendar;
}

/** The loaded years' day ranges and their exceptions to the weekend rule, by day number. */
function index(byYear: ReadonlyMap<number, CalendarYear>): { years: readonly number[]; ranges: { from: number; to: number }[]; exceptions: Map<number, boolean> } {
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const ranges = years.map((year) => ({ from: firstDayOfYear(year), to: firstDayOfYear(year + 1) }));
  const exceptions = new Map<number, boolean>();
  for (const entry of byYear.values()) {
    for (const date of entry.workdays) {
      const day = isoDateToDayNumber(date);
      if (day !== null) exceptions.set(day, true);
    }
    for (const date of entry.holidays) {
      const day = isoDateToDayNumber(date);
      if (day !== null) exceptions.set(day, false);
    }
  }
  return { years, ranges, exceptions };
}

/** The calendar's status by day number; fast for calendars made here, via ISO text otherwise. */
export function dayStatusOf(calendar: WorkingCalendar, toIso: (dayNumber: number) => string): DayStatus {
  return fastStatus.get(calendar) ?? ((dayNumber) => calendar.isWorkingDay(toIso(dayNumber)));
}
