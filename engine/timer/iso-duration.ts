import { Temporal } from 'temporal-polyfill';
import type { FailTimer } from './timer-problem.js';

/**
 * An ISO 8601 duration as stored in instance state: whole, non-negative numbers only, so it
 * survives JSON unchanged. Years, months, weeks and days are calendar units (added on the wall
 * clock of a time zone); hours to milliseconds are exact elapsed time. Digits of a second below the
 * millisecond are dropped, because the engine counts time in epoch milliseconds.
 */
export interface Iso8601Duration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly milliseconds: number;
}

// Anchored and without nested repetition, so even a very long text is rejected in linear time.
// Like Zeebe (java.time Period + Duration), only seconds may carry a fraction (`.` or `,`).
const DURATION =
  /^P(?:(\d{1,9})Y)?(?:(\d{1,9})M)?(?:(\d{1,9})W)?(?:(\d{1,9})D)?(?:(T)(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9})(?:[.,](\d{1,9}))?S)?)?$/i;
const FRACTION_ELSEWHERE = /^P[\dYMWDT]*\d[.,]\d+[YMWDHM]/i;

/**
 * Reads `PT15M`, `PT1H30M`, `P1D`, `P3DT2H`, `P1W`, `P1M`, `P1Y`, `PT1.5S` (case-insensitive),
 * as Zeebe does. Negative durations are refused rather than firing at once: a wait into the past
 * is a modelling mistake.
 */
export function parseIsoDuration(text: string, fail: FailTimer): Iso8601Duration {
  if (/^-P/i.test(text) || /^P[\dYMWDT.,]*-\d/i.test(text)) fail('时长不能为负', 'a duration cannot be negative');
  const match = DURATION.exec(text);
  if (!match) {
    if (FRACTION_ELSEWHERE.test(text)) fail('只有秒可以带小数（例如 PT1.5S）', 'only seconds may have a fraction (e.g. PT1.5S)');
    fail('不是 ISO 8601 时长（例如 PT15M、P1D、P1M）', 'not an ISO 8601 duration (e.g. PT15M, P1D, P1M)');
  }
  const [, y, mo, w, d, t, h, mi, s, frac] = match;
  if (t !== undefined && h === undefined && mi === undefined && s === undefined) {
    fail('T 后面缺少时、分或秒', 'T must be followed by hours, minutes or seconds');
  }
  if ([y, mo, w, d, h, mi, s].every((part) => part === undefined)) {
    fail('时长没有任何部分（例如 PT15M）', 'the duration has no parts (e.g. PT15M)');
  }
  return {
    years: Number(y ?? 0),
    months: Number(mo ?? 0),
    weeks: Number(w ?? 0),
    days: Number(d ?? 0),
    hours: Number(h ?? 0),
    minutes: Number(mi ?? 0),
    seconds: Number(s ?? 0),
    milliseconds: Number((frac ?? '').padEnd(3, '0').slice(0, 3)),
  };
}

/** True when the duration adds no time at all (`PT0S`, `PT0.0001S`). */
export function isZeroDuration(duration: Iso8601Duration): boolean {
  return Object.values(duration).every((value) => value === 0);
}

/**
 * `start` plus `times` × `duration`: the calendar units on the wall clock of `start`'s zone (a
 * month past 31 January is the last day of February), then the exact time, the way java.time's
 * `plus(Period).plus(Duration)` does. A wall-clock time skipped by a DST change moves later.
 * Throws a RangeError when the result lies beyond what Temporal can represent.
 */
export function addDuration(start: Temporal.ZonedDateTime, duration: Iso8601Duration, times: number): Temporal.ZonedDateTime {
  return start.add({
    years: duration.years * times,
    months: duration.months * times,
    weeks: duration.weeks * times,
    days: duration.days * times,
    hours: duration.hours * times,
    minutes: duration.minutes * times,
    seconds: duration.seconds * times,
    milliseconds: duration.milliseconds * times,
  });
}
