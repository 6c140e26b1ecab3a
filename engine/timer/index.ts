/** Timer arithmetic for BPMN timer events: parse `timeDate` / `timeDuration` / `timeCycle`, step cycles. */
export { parseTimer, nextFiring, type TimerSchedule, type TimerCycle, type IntervalCycle, type CronCycle } from './timer-schedule.js';
export type { Iso8601Duration } from './iso-duration.js';
export { TimerFormatError, type TimerKind } from './timer-format-error.js';
