/**
 * Working-day calendar data for mainland China: public holidays and the weekend days that are
 * moved to be working days (调休). Passed into the engine as data, so the engine stays pure.
 */
export interface CalendarYear {
  readonly year: number;
  /** ISO dates (YYYY-MM-DD) that are days off although they fall Monday–Friday or anywhere. */
  readonly holidays: readonly string[];
  /** ISO dates that are working days although they fall on a Saturday or Sunday (调休上班). */
  readonly workdays: readonly string[];
  /** Where the dates come from, e.g. the State Council notice. */
  readonly source?: string;
}

export interface WorkingCalendar {
  /** Whether the date is a working day; `undefined` when that year's data is not loaded. */
  isWorkingDay(isoDate: string): boolean | undefined;
  /** Years whose data is loaded. */
  readonly years: readonly number[];
}

/** A calendar a running server can extend: next year's notice arrives while cases are open. */
export interface UpdatableWorkingCalendar extends WorkingCalendar {
  /** Adds a year, or replaces the loaded data of that year. */
  addYear(year: CalendarYear): void;
  /** The loaded data of one year. */
  yearData(year: number): CalendarYear | undefined;
}
