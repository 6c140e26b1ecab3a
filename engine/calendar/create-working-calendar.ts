import { isoDateToDayNumber, isWeekend, yearOfIsoDate } from './calendar-date.js';
import type { CalendarYear, WorkingCalendar } from './working-calendar.js';

interface LoadedYear {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

/**
 * Builds the working-day calendar from yearly data. Weekends are days off unless listed as
 * moved working days (调休上班); listed holidays are days off; a date in a year that is not
 * loaded is `undefined` (callers decide how to fall back, and must say so).
 * When a year appears twice, the later entry wins, so an admin upload can replace shipped data.
 */
export function createWorkingCalendar(years: readonly CalendarYear[]): WorkingCalendar {
  const byYear = new Map<number, LoadedYear>();
  for (const entry of years) {
    byYear.set(entry.year, { holidays: new Set(entry.holidays), workdays: new Set(entry.workdays) });
  }
  const loadedYears = [...byYear.keys()].sort((a, b) => a - b);
  return {
    years: loadedYears,
    isWorkingDay(isoDate: string): boolean | undefined {
      const dayNumber = isoDateToDayNumber(isoDate);
      if (dayNumber === null) return undefined;
      const data = byYear.get(yearOfIsoDate(isoDate));
      if (!data) return undefined;
      if (data.holidays.has(isoDate)) return false;
      if (data.workdays.has(isoDate)) return true;
      return !isWeekend(dayNumber);
    },
  };
}
