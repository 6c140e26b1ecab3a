import type { WorkingCalendar } from '../calendar/working-calendar.js';

/** Everything impure a step needs, passed in: the clock, ids and the calendar. */
export interface StepContext {
  /** Current time, epoch milliseconds. */
  readonly now: number;
  /** Returns a fresh unique id each call (element instances, incidents). */
  readonly newId: () => string;
  readonly calendar: WorkingCalendar;
  /** Defaults to Asia/Shanghai. */
  readonly timeZone?: string;
}
