import { FeelDate, FeelDateTime, date as parseFeelDate, dateAndTime } from 'feelin';
import { dayNumberToIsoDate, isoDateToDayNumber } from '../calendar/calendar-date.js';
import type { FeelEnv } from './expression.js';

/**
 * Clock and calendar helpers over feelin's temporal classes. Temporal objects are reached through
 * feelin's values (`unwrap()`), so the engine does not depend on a Temporal polyfill itself.
 */

/** The env's instant as a date-and-time with the fixed offset of `env.timeZone` (e.g. `+08:00`). */
export function nowInZone(env: FeelEnv): FeelDateTime {
  const local = zonedNow(env);
  return new FeelDateTime(local.toPlainDateTime(), local.offset);
}

/** The calendar date of the env's instant in `env.timeZone`. */
export function todayInZone(env: FeelEnv): FeelDate {
  return new FeelDate(zonedNow(env).toPlainDate());
}

function zonedNow(env: FeelEnv) {
  const utc = dateAndTime(new Date(env.now).toISOString());
  if (utc === null) throw new RangeError(`invalid env.now ${env.now}`);
  return utc.unwrap().toZonedDateTime('UTC').withTimeZone(env.timeZone);
}

/**
 * A date or date-and-time reduced to its calendar day (in `env.timeZone` for zoned values), with a
 * way back to a value of the same type on another day, keeping the time of day in `env.timeZone`.
 */
export interface CalendarPoint {
  readonly dayNumber: number;
  withDay(dayNumber: number): FeelDate | FeelDateTime;
}

/** Reads a FEEL date, date-and-time, or an ISO date / date-time string; `null` otherwise. */
export function toCalendarPoint(value: unknown, env: FeelEnv): CalendarPoint | null {
  let temporal: unknown = value;
  if (typeof value === 'string') temporal = parseFeelDate(value);
  try {
    if (temporal instanceof FeelDate) {
      const dayNumber = isoDateToDayNumber(temporal.unwrap().toString());
      if (dayNumber === null) return null;
      return { dayNumber, withDay: (day) => new FeelDate(temporal.unwrap().with(dayFields(day))) };
    }
    if (temporal instanceof FeelDateTime) {
      const zone = temporal.zone;
      const wall = temporal.unwrap();
      if (zone === null) {
        // A local date-time is read as wall-clock time in env.timeZone already.
        const dayNumber = isoDateToDayNumber(wall.toPlainDate().toString());
        if (dayNumber === null) return null;
        return { dayNumber, withDay: (day) => new FeelDateTime(wall.with(dayFields(day)), null) };
      }
      const local = wall.toZonedDateTime(zone).withTimeZone(env.timeZone);
      const dayNumber = isoDateToDayNumber(local.toPlainDate().toString());
      if (dayNumber === null) return null;
      return {
        dayNumber,
        withDay: (day) => new FeelDateTime(local.with(dayFields(day)).withTimeZone(zone).toPlainDateTime(), zone),
      };
    }
  } catch {
    // An unusual zone Temporal cannot handle (e.g. a sub-minute offset): not a calendar point.
    return null;
  }
  return null;
}

function dayFields(dayNumber: number): { year: number; month: number; day: number } {
  const iso = dayNumberToIsoDate(dayNumber);
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}
