import { Temporal } from 'temporal-polyfill';
import type { FailTimer } from './timer-problem.js';
import { canonicalTimeZone } from './time-zone.js';

/** A point in time read from a timer text, with the zone its calendar arithmetic belongs to. */
export interface ParsedDateTime {
  readonly epochMs: number;
  /** The zone named in the text (`[Asia/Shanghai]` or `@Asia/Shanghai`), else the default zone. */
  readonly timeZone: string;
}

// date, optional time with optional offset, optional zone id in brackets (java.time) or after
// `@` (FEEL). Anchored, bounded repetition: linear even on very long input.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?(?:\[([A-Za-z0-9_+\-/]{1,64})\]|@([A-Za-z0-9_+\-/]{1,64}))?$/i;

/**
 * Reads an ISO 8601 date-time as Zeebe's `timeDate` does (`2026-12-01T09:00:00+08:00`,
 * `…Z`, `…+08:00[Asia/Shanghai]`) and also FEEL's `2026-12-01T09:00:00@Asia/Shanghai`.
 * Where Zeebe insists on an offset, we are kinder:
 * - without offset or zone the wall-clock time is read in `defaultZone`;
 * - a bare date (`2026-12-01`) means the start of that day (midnight, or the first moment after a
 *   DST gap) in the zone;
 * - with both offset and zone the offset fixes the instant, as in java.time.
 * A time skipped by a DST change moves later; a repeated one takes the earlier instant.
 */
export function parseIsoDateTime(text: string, defaultZone: string, fail: FailTimer): ParsedDateTime {
  const match = DATE_TIME.exec(text);
  if (!match) fail('不是 ISO 8601 日期时间（例如 2026-12-01T09:00:00+08:00）', 'not an ISO 8601 date-time (e.g. 2026-12-01T09:00:00+08:00)');
  const [, year, month, day, hour, minute, second, fraction, offset, bracketZone, atZone] = match;
  const zoneText = bracketZone ?? atZone;
  const timeZone = zoneText === undefined ? defaultZone : canonicalTimeZone(zoneText);
  if (timeZone === null) fail(`未知时区 ${zoneText ?? ''}`, `unknown time zone ${zoneText ?? ''}`);
  const fields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: Number((fraction ?? '').padEnd(3, '0').slice(0, 3)),
  };
  let zoned: Temporal.ZonedDateTime;
  try {
    const plain = Temporal.PlainDateTime.from(fields, { overflow: 'reject' });
    if (hour === undefined) {
      zoned = plain.toPlainDate().toZonedDateTime(timeZone);
    } else if (offset === undefined) {
      zoned = plain.toZonedDateTime(timeZone, { disambiguation: 'compatible' });
    } else {
      const normalizedOffset = /^z$/i.test(offset) ? '+00:00' : offset;
      zoned = Temporal.ZonedDateTime.from({ ...fields, offset: normalizedOffset, timeZone }, { offset: 'use', overflow: 'reject' });
    }
  } catch {
    return fail('日期或时间超出范围（例如 13 月、2 月 30 日、25 点）', 'date or time out of range (e.g. month 13, 30 February, hour 25)');
  }
  return { epochMs: zoned.epochMilliseconds, timeZone };
}
