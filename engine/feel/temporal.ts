import { FeelDate, FeelDateTime, date as parseFeelDate } from 'feelin';
import { Temporal } from 'temporal-polyfill';
import { dayNumberToFields, isoDateToDayNumber } from '../calendar/calendar-date.js';
import type { FeelEnv } from './expression.js';

/**
 * Clock and calendar helpers over feelin's temporal classes. Arithmetic is done on epoch
 * milliseconds with cached zone offsets, because the Temporal polyfill costs about 10–30 µs per
 * conversion; Temporal is used only to build feelin values and for named (non-offset) zones.
 */

const DAY_MS = 86_400_000;
const OFFSET_ZONE = /^([+-])(\d{2}):(\d{2})$/;
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/;

const offsetCache = new Map<string, number>();

/**
 * Offset of an IANA zone at an instant, in ms. Cached per quarter hour: zone transitions fall on
 * quarter hours in every zone in use today, and the value is a pure function of its inputs.
 */
export function zoneOffsetMs(zone: string, epochMs: number): number {
  const key = `${zone}|${Math.floor(epochMs / 900_000)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).offsetNanoseconds / 1e6;
    if (offsetCache.size >= 4096) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

/** `+08:00` for 8 h; feelin's zone text for a fixed offset. */
function offsetText(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(Math.round(offsetMs / 60_000));
  const hh = Math.floor(minutes / 60);
  const mm = minutes % 60;
  return `${sign}${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}`;
}

/** Fixed offset of a feelin zone (`UTC`, `+08:00`), or null for a named zone or a local value. */
export function fixedOffsetMs(zone: string | null): number | null {
  if (zone === 'UTC' || zone === 'Z') return 0;
  if (zone === null) return null;
  const match = OFFSET_ZONE.exec(zone);
  if (!match) return null;
  const ms = (Number(match[2]) * 60 + Number(match[3])) * 60_000;
  return match[1] === '-' ? -ms : ms;
}

/** A plain date-time from wall-clock milliseconds (ms since 1970-01-01T00:00 on that clock). */
function plainDateTimeAt(wallMs: number): Temporal.PlainDateTime {
  const dayNumber = Math.floor(wallMs / DAY_MS);
  let rest = wallMs - dayNumber * DAY_MS;
  const { year, month, day } = dayNumberToFields(dayNumber);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return new Temporal.PlainDateTime(year, month, day, hour, minute, second, rest - second * 1000);
}

/** Wall-clock milliseconds of a feelin date-time (its fields as if in UTC), or null if unusual. */
export function wallMsOf(value: FeelDateTime): number | null {
  const match = WALL_CLOCK.exec(value.toString());
  if (!match) return null;
  // Whole milliseconds from the digits (`0.123 * 1000` is 122.99… in floating point).
  const ms = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]), ms);
}

let lastNow: { key: string; value: FeelDateTime } | null = null;

/** The env's instant as a date-and-time with the fixed offset of `env.timeZone` (e.g. `+08:00`). */
export function nowInZone(env: FeelEnv): FeelDateTime {
  const key = `${env.now}|${env.timeZone}`;
  if (lastNow?.key === key) return lastNow.value;
  const offset = zoneOffsetMs(env.timeZone, env.now);
  const value = new FeelDateTime(plainDateTimeAt(env.now + offset), offsetText(offset));
  lastNow = { key, value };
  return value;
}

/** The calendar date of the env's instant in `env.timeZone`. */
export function todayInZone(env: FeelEnv): FeelDate {
  const { year, month, day } = dayNumberToFields(Math.floor((env.now + zoneOffsetMs(env.timeZone, env.now)) / DAY_MS));
  return new FeelDate(new Temporal.PlainDate(year, month, day));
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
  const temporal: unknown = typeof value === 'string' ? parseFeelDate(value) : value;
  try {
    if (temporal instanceof FeelDate) return datePoint(temporal);
    if (temporal instanceof FeelDateTime) return dateTimePoint(temporal, env);
  } catch {
    // A value Temporal cannot place (e.g. a sub-minute offset or an unknown zone).
  }
  return null;
}

function datePoint(value: FeelDate): CalendarPoint | null {
  const dayNumber = isoDateToDayNumber(value.toString());
  if (dayNumber === null) return null;
  return {
    dayNumber,
    withDay(day) {
      const { year, month, day: dayOfMonth } = dayNumberToFields(day);
      return new FeelDate(new Temporal.PlainDate(year, month, dayOfMonth));
    },
  };
}

function dateTimePoint(value: FeelDateTime, env: FeelEnv): CalendarPoint | null {
  const wall = wallMsOf(value);
  if (wall === null) return null;
  const zone = value.zone;
  if (zone === null) {
    // A local date-time is read as wall-clock time in env.timeZone already.
    const dayNumber = Math.floor(wall / DAY_MS);
    const timeOfDay = wall - dayNumber * DAY_MS;
    return { dayNumber, withDay: (day) => new FeelDateTime(plainDateTimeAt(day * DAY_MS + timeOfDay), null) };
  }
  const fixed = fixedOffsetMs(zone);
  const epoch = fixed !== null ? wall - fixed : value.unwrap().toZonedDateTime(zone).epochMilliseconds;
  const localOffset = zoneOffsetMs(env.timeZone, epoch);
  const local = epoch + localOffset;
  const dayNumber = Math.floor(local / DAY_MS);
  const timeOfDay = local - dayNumber * DAY_MS;
  return {
    dayNumber,
    withDay(day) {
      // Same wall-clock time in env.timeZone on the new day, expressed in the value's own zone.
      const newLocal = day * DAY_MS + timeOfDay;
      let newEpoch = newLocal - zoneOffsetMs(env.timeZone, newLocal - localOffset);
      const check = zoneOffsetMs(env.timeZone, newEpoch);
      if (newLocal - check !== newEpoch) newEpoch = newLocal - check;
      if (fixed !== null) return new FeelDateTime(plainDateTimeAt(newEpoch + fixed), zone);
      return new FeelDateTime(Temporal.Instant.fromEpochMilliseconds(newEpoch).toZonedDateTimeISO(zone).toPlainDateTime(), zone);
    },
  };
}
