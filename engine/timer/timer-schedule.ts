import { Temporal } from 'temporal-polyfill';
import { addDuration, isZeroDuration, parseIsoDuration, type Iso8601Duration } from './iso-duration.js';
import { parseIsoDateTime } from './iso-date-time.js';
import { looksLikeCron, parseCronExpression } from './cron-expression.js';
import { nextCronTime } from './next-cron-time.js';
import { TimerFormatError, type TimerKind } from './timer-format-error.js';
import type { FailTimer } from './timer-problem.js';
import { canonicalTimeZone } from './time-zone.js';
import { fastDateWithOffset, fastDurationDue } from './fast-timer.js';

/**
 * When a timer fires next and how it goes on. Plain JSON (numbers and strings only), so the
 * engine keeps it in instance state as is.
 */
export interface TimerSchedule {
  /** Epoch ms the pending firing is due. May lie before `now` (a past date): fire at once. */
  readonly dueAt: number;
  /** Firings still to come, the pending one included: a whole number ≥ 1, or `'infinite'`. */
  readonly remaining: number | 'infinite';
  /** How a cycle repeats; null for date and duration timers, which fire once. */
  readonly cycle: TimerCycle | null;
}

/** How a cycle repeats: on a fixed grid of ISO 8601 intervals, or on a cron expression. */
export type TimerCycle = IntervalCycle | CronCycle;

/**
 * An ISO 8601 cycle's occurrences lie on a fixed grid: occurrence k is due at
 * `anchor + k × interval` (calendar units in `timeZone`). Counting from the anchor rather than from
 * the previous firing keeps monthly cycles on their day (31 Jan → 28 Feb → 31 Mar) and late
 * deliveries from drifting.
 */
export interface IntervalCycle {
  readonly kind: 'interval';
  /** Epoch ms occurrences are counted from: the cycle's start date, or `now` when it has none. */
  readonly anchor: number;
  /** Which occurrence `dueAt` is: 0 is the start date itself, 1 the first interval after the anchor. */
  readonly index: number;
  /** Time between occurrences; never zero. */
  readonly interval: Iso8601Duration;
  /** IANA zone in which years, months, weeks and days are added. */
  readonly timeZone: string;
}

/** A cron cycle (Spring syntax, as Zeebe takes it): repeats without end at matching wall-clock times. */
export interface CronCycle {
  readonly kind: 'cron';
  /** The expression as written (trimmed); read again on each firing. */
  readonly expression: string;
  /** IANA zone whose wall clock the expression describes. */
  readonly timeZone: string;
}

/** Timer texts longer than this are refused before any parsing, so huge input costs nothing. */
const MAX_TIMER_TEXT = 256;
const MAX_EPOCH_MS = 8.64e15;

/**
 * Reads a BPMN timer definition (`timeDate`, `timeDuration` or `timeCycle` text, static or the
 * result of its FEEL expression) and says when it first fires, given `now` (epoch ms).
 *
 * - date: see {@link parseIsoDateTime}; fires once, at once if the date has passed.
 * - duration: `now` + the duration; calendar units in `timeZone` (2026-01-31 + P1M = 2026-02-28).
 * - cycle: `R<n>/<duration>` fires n times, first at now + duration; `R/<duration>` forever;
 *   `R<n>/<start>/<duration>` first fires at the start, even when it has passed (then at once, as
 *   Zeebe does), and calendar units are added in the start's zone if it names one. `R0` is refused:
 *   a timer that never fires is a mistake (Zeebe would fire it once).
 * - cycle as a Spring cron expression (`0 0 9 * * MON-FRI`, `@daily`): fires without end at the
 *   matching wall-clock times in `timeZone`, first after `now`; see {@link parseCronExpression}.
 *
 * Surrounding whitespace is ignored (pretty-printed XML). Throws {@link TimerFormatError}.
 */
export function parseTimer(kind: TimerKind, text: string, now: number, timeZone = 'Asia/Shanghai'): TimerSchedule {
  const fail: FailTimer = (zh, en) => {
    throw new TimerFormatError(kind, text, { zh, en });
  };
  const trimmed = text.trim();
  if (trimmed === '') fail('内容为空', 'the text is empty');
  if (trimmed.length > MAX_TIMER_TEXT) fail(`内容过长（超过 ${MAX_TIMER_TEXT} 个字符）`, `the text is longer than ${MAX_TIMER_TEXT} characters`);
  const zone = canonicalTimeZone(timeZone);
  if (zone === null) fail(`未知时区 ${timeZone}`, `unknown time zone ${timeZone}`);
  switch (kind) {
    case 'date':
      return { dueAt: fastDateWithOffset(trimmed) ?? parseIsoDateTime(trimmed, zone, fail).epochMs, remaining: 1, cycle: null };
    case 'duration': {
      const duration = parseIsoDuration(trimmed, fail);
      return { dueAt: fastDurationDue(now, duration, 1, zone) ?? checkedDue(zoned(now, zone), duration, 1, fail), remaining: 1, cycle: null };
    }
    case 'cycle':
      return parseCycle(trimmed, now, zone, fail);
  }
}

/**
 * The schedule after the pending firing happened at `firedAt` (epoch ms), or null when that was
 * the last one. The next occurrence is the first on the cycle's grid after `firedAt`: a delivery
 * that comes late does not shift later occurrences, and occurrences missed meanwhile (host down)
 * are folded into that one firing instead of firing in a burst; they do not use up repetitions.
 */
export function nextFiring(schedule: TimerSchedule, firedAt: number): TimerSchedule | null {
  const { cycle, remaining } = schedule;
  if (cycle === null || remaining === 1 || (remaining !== 'infinite' && remaining < 1)) return null;
  const next = cycle.kind === 'cron' ? nextCronFiring(cycle, Math.max(firedAt, schedule.dueAt)) : nextIntervalFiring(cycle, firedAt);
  if (next === null) return null;
  return { dueAt: next.dueAt, remaining: remaining === 'infinite' ? remaining : remaining - 1, cycle: next.cycle };
}

function nextCronFiring(cycle: CronCycle, after: number): { dueAt: number; cycle: CronCycle } | null {
  const spec = parseCronExpression(cycle.expression, (zh, en) => {
    throw new TimerFormatError('cycle', cycle.expression, { zh, en });
  });
  const dueAt = nextCronTime(spec, after, cycle.timeZone);
  return dueAt === null ? null : { dueAt, cycle };
}

function nextIntervalFiring(cycle: IntervalCycle, firedAt: number): { dueAt: number; cycle: IntervalCycle } | null {
  const start = zoned(cycle.anchor, cycle.timeZone);
  const dueOf = (index: number): number => {
    try {
      return addDuration(start, cycle.interval, index).epochMilliseconds;
    } catch {
      return Number.POSITIVE_INFINITY; // beyond the representable range: never due
    }
  };
  // Occurrences rise strictly with their index, so gallop forward, then bisect.
  let below = cycle.index;
  let above = cycle.index + 1;
  let step = 1;
  while (dueOf(above) <= firedAt) {
    below = above;
    step *= 2;
    above = cycle.index + step;
  }
  while (above - below > 1) {
    const middle = Math.floor((below + above) / 2);
    if (dueOf(middle) <= firedAt) below = middle;
    else above = middle;
  }
  const dueAt = dueOf(above);
  return dueAt > MAX_EPOCH_MS ? null : { dueAt, cycle: { ...cycle, index: above } };
}

// R, whatever stands for the count (checked apart so `R-1` gets a precise message), then the rest.
const CYCLE_HEAD = /^R([^/]*)\/(.*)$/i;

function parseCycle(text: string, now: number, zone: string, fail: FailTimer): TimerSchedule {
  const head = CYCLE_HEAD.exec(text);
  if (!head) {
    if (looksLikeCron(text)) return parseCronCycle(text, now, zone, fail);
    fail('循环必须以 R 开头（例如 R3/PT1H、R/P1D）', 'a cycle must start with R (e.g. R3/PT1H, R/P1D)');
  }
  const [, count = '', rest = ''] = head;
  const remaining = parseRepetitions(count, fail);
  // The start may carry a zone id with slashes (`@Asia/Shanghai`), so the interval is what
  // follows the last slash and the start is everything before it.
  const lastSlash = rest.lastIndexOf('/');
  const intervalText = rest.slice(lastSlash + 1);
  if (intervalText === '') fail('循环缺少间隔（例如 R3/PT1H）', 'the cycle has no interval (e.g. R3/PT1H)');
  const interval = parseIsoDuration(intervalText, fail);
  if (isZeroDuration(interval)) fail('循环间隔不能为零', 'the cycle interval must be longer than zero');
  if (lastSlash < 0) {
    const timeZone = zone;
    const dueAt = checkedDue(zoned(now, timeZone), interval, 1, fail);
    return { dueAt, remaining, cycle: { kind: 'interval', anchor: now, index: 1, interval, timeZone } };
  }
  const start = parseIsoDateTime(rest.slice(0, lastSlash), zone, fail);
  return { dueAt: start.epochMs, remaining, cycle: { kind: 'interval', anchor: start.epochMs, index: 0, interval, timeZone: start.timeZone } };
}

function parseCronCycle(expression: string, now: number, timeZone: string, fail: FailTimer): TimerSchedule {
  const dueAt = nextCronTime(parseCronExpression(expression, fail), now, timeZone);
  if (dueAt === null) fail('cron 表达式在 400 年内都不会触发', 'the cron expression never fires within 400 years');
  return { dueAt, remaining: 'infinite', cycle: { kind: 'cron', expression, timeZone } };
}

function parseRepetitions(count: string, fail: FailTimer): number | 'infinite' {
  if (count === '') return 'infinite';
  if (!/^\d{1,9}$/.test(count)) fail('重复次数必须是正整数（例如 R3），或省略表示无限', 'repetitions must be a positive whole number (e.g. R3), or left out for no limit');
  const repetitions = Number(count);
  if (repetitions === 0) fail('R0 表示一次也不触发；请删除定时器或写 R1 以上', 'R0 would never fire; remove the timer or use R1 or more');
  return repetitions;
}

function zoned(epochMs: number, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
}

function checkedDue(from: Temporal.ZonedDateTime, duration: Iso8601Duration, times: number, fail: FailTimer): number {
  try {
    return addDuration(from, duration, times).epochMilliseconds;
  } catch {
    return fail('时长太长，到期时间超出可表示的范围', 'the duration is so long that the due time is beyond the representable range');
  }
}
