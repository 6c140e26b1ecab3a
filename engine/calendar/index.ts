/** Mainland-China working-day calendar: data in, pure answers out. */
export type { CalendarYear, UpdatableWorkingCalendar, WorkingCalendar } from './working-calendar.js';
export { createWorkingCalendar } from './create-working-calendar.js';
export { defaultCalendarYears } from './default-calendar-years.js';
export { parseCalendarYear } from './parse-calendar-year.js';
export { CalendarDataError, type CalendarDataProblem } from './calendar-data-error.js';
export { addWorkingDays, workingDaysBetween, isWorkingDayNumber, type MissingYearHandler } from './working-days.js';
export { isoDateToDayNumber, dayNumberToIsoDate } from './calendar-date.js';
