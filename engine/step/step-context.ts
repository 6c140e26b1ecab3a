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
  /**
   * The caller hands the state over (it parsed it fresh and keeps no other reference to it), so
   * `step` may change it in place instead of working on a copy. Default false: `step` then leaves
   * its input untouched.
   */
  readonly ownsState?: boolean;
}
