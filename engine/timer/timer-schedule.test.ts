import { describe, expect, it } from 'vitest';
import { nextFiring, parseTimer, type TimerSchedule } from './timer-schedule.js';
import { TimerFormatError } from './timer-format-error.js';

/** Epoch ms of an instant written with its offset, so expectations read like the model text. */
const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${iso}`);
  return ms;
};
const NOW = at('2026-11-26T10:00:00+08:00');

/** Fires the schedule at each due time until it runs out, collecting the due times. */
function fireAll(schedule: TimerSchedule, limit = 50): number[] {
  const dues: number[] = [];
  let current: TimerSchedule | null = schedule;
  while (current && dues.length < limit) {
    dues.push(current.dueAt);
    current = nextFiring(current, current.dueAt);
  }
  return dues;
}

describe('parseTimer: date', () => {
  it('should read a date-time with an offset or Z', () => {
    // when
    const withOffset = parseTimer('date', '2026-12-01T09:00:00+08:00', NOW);
    const utc = parseTimer('date', '2026-12-01T01:00:00Z', NOW);
    // then
    expect(withOffset).toEqual({ dueAt: at('2026-12-01T01:00:00Z'), remaining: 1, cycle: null });
    expect(utc.dueAt).toBe(at('2026-12-01T01:00:00Z'));
  });

  it('should read a zone id after @ (FEEL) or in brackets (java.time)', () => {
    // when
    const feel = parseTimer('date', '2026-12-01T09:00:00@Asia/Shanghai', NOW, 'UTC');
    const java = parseTimer('date', '2026-07-01T09:00:00+02:00[Europe/Berlin]', NOW);
    const zoneOnly = parseTimer('date', '2026-07-01T09:00:00[Europe/Berlin]', NOW);
    // then
    expect(feel.dueAt).toBe(at('2026-12-01T01:00:00Z'));
    expect(java.dueAt).toBe(at('2026-07-01T07:00:00Z'));
    expect(zoneOnly.dueAt).toBe(at('2026-07-01T07:00:00Z'));
  });

  it('should read a date-time without offset in the given time zone', () => {
    // when
    const shanghai = parseTimer('date', '2026-12-01T09:00:00', NOW);
    const berlin = parseTimer('date', '2026-12-01T09:00', NOW, 'Europe/Berlin');
    // then
    expect(shanghai.dueAt).toBe(at('2026-12-01T09:00:00+08:00'));
    expect(berlin.dueAt).toBe(at('2026-12-01T09:00:00+01:00'));
  });

  it('should read a bare date as the start of that day in the time zone', () => {
    // when
    const schedule = parseTimer('date', '2026-12-01', NOW);
    // then
    expect(schedule.dueAt).toBe(at('2026-12-01T00:00:00+08:00'));
  });

  it('should keep fractional seconds to the millisecond', () => {
    // when
    const schedule = parseTimer('date', '2026-12-01T09:00:00.123456+08:00', NOW);
    // then
    expect(schedule.dueAt).toBe(at('2026-12-01T09:00:00.123+08:00'));
  });

  it('should accept 29 February only in a leap year', () => {
    // when / then
    expect(parseTimer('date', '2028-02-29T12:00:00Z', NOW).dueAt).toBe(at('2028-02-29T12:00:00Z'));
    expect(() => parseTimer('date', '2027-02-29T12:00:00Z', NOW)).toThrow(TimerFormatError);
  });

  it('should move a wall-clock time skipped by a DST change later', () => {
    // given 2026-03-29 02:30 does not exist in Berlin (clocks jump 02:00 → 03:00)
    // when
    const schedule = parseTimer('date', '2026-03-29T02:30:00@Europe/Berlin', NOW);
    // then
    expect(schedule.dueAt).toBe(at('2026-03-29T03:30:00+02:00'));
  });

  it('should schedule a date in the past as due at once (at that date)', () => {
    // when
    const schedule = parseTimer('date', '2026-01-01T00:00:00+08:00', NOW);
    // then
    expect(schedule.dueAt).toBeLessThan(NOW);
  });

  it('should ignore whitespace around the text, as pretty-printed XML has it', () => {
    // when
    const schedule = parseTimer('date', '\n    2026-12-01T09:00:00+08:00\n  ', NOW);
    // then
    expect(schedule.dueAt).toBe(at('2026-12-01T01:00:00Z'));
  });
});

describe('parseTimer: duration', () => {
  it.each([
    ['PT15M', '2026-11-26T10:15:00+08:00'],
    ['PT1H30M', '2026-11-26T11:30:00+08:00'],
    ['P1D', '2026-11-27T10:00:00+08:00'],
    ['P3DT2H', '2026-11-29T12:00:00+08:00'],
    ['P1W', '2026-12-03T10:00:00+08:00'],
    ['P1M', '2026-12-26T10:00:00+08:00'],
    ['P1Y', '2027-11-26T10:00:00+08:00'],
    ['PT1.5S', '2026-11-26T10:00:01.500+08:00'],
    ['PT0,25S', '2026-11-26T10:00:00.250+08:00'],
    ['pt15m', '2026-11-26T10:15:00+08:00'],
    ['PT0S', '2026-11-26T10:00:00+08:00'],
    ['PT36H', '2026-11-27T22:00:00+08:00'],
  ])('should schedule %s after now', (text, due) => {
    // when
    const schedule = parseTimer('duration', text, NOW);
    // then
    expect(schedule).toEqual({ dueAt: at(due), remaining: 1, cycle: null });
  });

  it('should add a month to 31 January as the last day of February', () => {
    // when
    const common = parseTimer('duration', 'P1M', at('2026-01-31T09:00:00+08:00'));
    const leap = parseTimer('duration', 'P1M', at('2028-01-31T09:00:00+08:00'));
    // then
    expect(common.dueAt).toBe(at('2026-02-28T09:00:00+08:00'));
    expect(leap.dueAt).toBe(at('2028-02-29T09:00:00+08:00'));
  });

  it('should add a year to 29 February as 28 February', () => {
    // when
    const schedule = parseTimer('duration', 'P1Y', at('2028-02-29T09:00:00+08:00'));
    // then
    expect(schedule.dueAt).toBe(at('2029-02-28T09:00:00+08:00'));
  });

  it('should count the month in the time zone calendar, not in UTC', () => {
    // given 31 January 05:00 in Shanghai is still 30 January in UTC
    const now = at('2026-01-31T05:00:00+08:00');
    // when
    const schedule = parseTimer('duration', 'P1M', now);
    // then
    expect(schedule.dueAt).toBe(at('2026-02-28T05:00:00+08:00'));
  });

  it('should add calendar days across a DST change on the wall clock, but hours as elapsed time', () => {
    // given Berlin moves to summer time on 2026-03-29
    const now = at('2026-03-28T09:00:00+01:00');
    // when
    const day = parseTimer('duration', 'P1D', now, 'Europe/Berlin');
    const hours = parseTimer('duration', 'PT24H', now, 'Europe/Berlin');
    // then
    expect(day.dueAt).toBe(at('2026-03-29T09:00:00+02:00'));
    expect(hours.dueAt).toBe(at('2026-03-29T10:00:00+02:00'));
  });
});

describe('parseTimer: cycle', () => {
  it('should fire R3/PT1H three times, an hour apart, starting an hour from now', () => {
    // when
    const schedule = parseTimer('cycle', 'R3/PT1H', NOW);
    // then
    expect(schedule.remaining).toBe(3);
    expect(fireAll(schedule)).toEqual([
      at('2026-11-26T11:00:00+08:00'),
      at('2026-11-26T12:00:00+08:00'),
      at('2026-11-26T13:00:00+08:00'),
    ]);
  });

  it('should fire R1/PT1H once', () => {
    // when
    const schedule = parseTimer('cycle', 'R1/PT1H', NOW);
    // then
    expect(fireAll(schedule)).toEqual([at('2026-11-26T11:00:00+08:00')]);
  });

  it('should repeat R/P1D without end', () => {
    // when
    const schedule = parseTimer('cycle', 'R/P1D', NOW);
    const dues = fireAll(schedule, 400);
    // then
    expect(schedule.remaining).toBe('infinite');
    expect(dues).toHaveLength(400);
    expect(dues[0]).toBe(at('2026-11-27T10:00:00+08:00'));
    expect(dues[399]).toBe(at('2027-12-31T10:00:00+08:00'));
  });

  it('should fire a cycle with a start date first at the start', () => {
    // when
    const schedule = parseTimer('cycle', 'R5/2026-12-01T09:00:00+08:00/P1D', NOW);
    // then
    expect(fireAll(schedule)).toEqual([
      at('2026-12-01T09:00:00+08:00'),
      at('2026-12-02T09:00:00+08:00'),
      at('2026-12-03T09:00:00+08:00'),
      at('2026-12-04T09:00:00+08:00'),
      at('2026-12-05T09:00:00+08:00'),
    ]);
  });

  it('should read a start date with a zone id that contains slashes', () => {
    // when
    const schedule = parseTimer('cycle', 'R/2026-12-01T09:00:00@Asia/Shanghai/PT12H', NOW, 'UTC');
    // then
    expect(fireAll(schedule, 3)).toEqual([
      at('2026-12-01T09:00:00+08:00'),
      at('2026-12-01T21:00:00+08:00'),
      at('2026-12-02T09:00:00+08:00'),
    ]);
  });

  it('should repeat R/<start>/PT12H without end', () => {
    // when
    const schedule = parseTimer('cycle', 'R/2026-12-01T09:00:00+08:00/PT12H', NOW);
    // then
    expect(schedule.remaining).toBe('infinite');
    expect(fireAll(schedule, 4)[3]).toBe(at('2026-12-02T21:00:00+08:00'));
  });

  it('should fire at once when the start date has passed, then keep to the start date grid', () => {
    // given a start two and a half days ago
    const schedule = parseTimer('cycle', 'R3/2026-11-23T22:00:00+08:00/P1D', NOW);
    // when the host fires the overdue first occurrence now
    const next = nextFiring(schedule, NOW);
    // then
    expect(schedule.dueAt).toBe(at('2026-11-23T22:00:00+08:00'));
    expect(next?.dueAt).toBe(at('2026-11-26T22:00:00+08:00'));
    expect(next?.remaining).toBe(2);
  });

  it('should keep a monthly cycle on its day instead of drifting to the 28th', () => {
    // when
    const schedule = parseTimer('cycle', 'R4/2026-01-31T09:00:00+08:00/P1M', NOW);
    // then
    expect(fireAll(schedule)).toEqual([
      at('2026-01-31T09:00:00+08:00'),
      at('2026-02-28T09:00:00+08:00'),
      at('2026-03-31T09:00:00+08:00'),
      at('2026-04-30T09:00:00+08:00'),
    ]);
  });

  it('should add cycle days in the zone of the start date across DST', () => {
    // when
    const schedule = parseTimer('cycle', 'R3/2026-03-28T09:00:00[Europe/Berlin]/P1D', NOW);
    // then
    expect(fireAll(schedule)).toEqual([
      at('2026-03-28T09:00:00+01:00'),
      at('2026-03-29T09:00:00+02:00'),
      at('2026-03-30T09:00:00+02:00'),
    ]);
  });

  it('should keep the schedule JSON-safe', () => {
    // given
    const schedule = parseTimer('cycle', 'R/2026-12-01T09:00:00+08:00/P1M', NOW);
    // when
    const restored = JSON.parse(JSON.stringify(schedule)) as TimerSchedule;
    // then
    expect(restored).toEqual(schedule);
    expect(nextFiring(restored, restored.dueAt)).toEqual(nextFiring(schedule, schedule.dueAt));
  });
});

describe('nextFiring', () => {
  it('should return null for date and duration timers', () => {
    // given
    const date = parseTimer('date', '2026-12-01T09:00:00+08:00', NOW);
    const duration = parseTimer('duration', 'PT15M', NOW);
    // when / then
    expect(nextFiring(date, date.dueAt)).toBeNull();
    expect(nextFiring(duration, duration.dueAt)).toBeNull();
  });

  it('should not drift when a firing is delivered late', () => {
    // given
    const schedule = parseTimer('cycle', 'R/PT1H', NOW);
    // when the first firing arrives 10 minutes late
    const next = nextFiring(schedule, schedule.dueAt + 10 * 60_000);
    // then
    expect(next?.dueAt).toBe(at('2026-11-26T12:00:00+08:00'));
  });

  it('should fold occurrences missed while the host was down into one firing, without using up repetitions', () => {
    // given
    const schedule = parseTimer('cycle', 'R3/PT1H', NOW);
    // when the first firing is delivered five and a half hours late
    const next = nextFiring(schedule, at('2026-11-26T16:30:00+08:00'));
    // then
    expect(next?.dueAt).toBe(at('2026-11-26T17:00:00+08:00'));
    expect(next?.remaining).toBe(2);
  });

  it('should find the next occurrence quickly after a very long outage', () => {
    // given an every-second cycle
    const schedule = parseTimer('cycle', 'R/PT1S', NOW);
    // when it fires ten years later
    const firedAt = at('2036-11-26T10:00:00.500+08:00');
    const next = nextFiring(schedule, firedAt);
    // then
    expect(next?.dueAt).toBe(at('2036-11-26T10:00:01+08:00'));
  });

  it('should not move backwards when a firing is delivered early', () => {
    // given
    const schedule = parseTimer('cycle', 'R/PT1H', NOW);
    // when
    const next = nextFiring(schedule, NOW);
    // then
    expect(next?.dueAt).toBe(at('2026-11-26T12:00:00+08:00'));
  });
});

describe('parseTimer: malformed text', () => {
  it.each([
    ['duration', '', '内容为空'],
    ['duration', '   ', '内容为空'],
    ['duration', 'P', 'the duration has no parts'],
    ['duration', 'PT', 'T must be followed by hours, minutes or seconds'],
    ['duration', 'P1DT', 'T must be followed by hours, minutes or seconds'],
    ['duration', 'PT1H/', 'not an ISO 8601 duration'],
    ['duration', '-PT1H', 'a duration cannot be negative'],
    ['duration', 'PT-1H', 'a duration cannot be negative'],
    ['duration', 'PT1.5H', 'only seconds may have a fraction'],
    ['duration', '15 minutes', 'not an ISO 8601 duration'],
    ['duration', 'P999999999Y', 'beyond the representable range'],
    ['cycle', 'R-1/PT1H', 'repetitions must be a positive whole number'],
    ['cycle', 'R0/PT1H', 'R0 would never fire'],
    ['cycle', 'RX/PT1H', 'repetitions must be a positive whole number'],
    ['cycle', 'PT1H', 'a cycle must start with R'],
    ['cycle', 'R3/PT1H/', 'the cycle has no interval'],
    ['cycle', 'R3/', 'the cycle has no interval'],
    ['cycle', 'R/PT0S', 'the cycle interval must be longer than zero'],
    ['cycle', 'R3/2026-12-01T09:00:00+08:00/P', 'the duration has no parts'],
    ['cycle', 'R3/tomorrow/PT1H', 'not an ISO 8601 date-time'],
    ['cycle', 'every day', 'neither an ISO 8601 cycle (e.g. R3/PT1H) nor a cron expression'],
    ['cycle', 'P1D', 'a cycle must start with R'],
    ['date', '2026-13-01T00:00:00Z', 'date or time out of range'],
    ['date', '2026-02-30T00:00:00Z', 'date or time out of range'],
    ['date', '2026-12-01T24:00:00Z', 'date or time out of range'],
    ['date', '2026-12-01T09:00:60Z', 'date or time out of range'],
    ['date', '2026-12-01T09:00:00@Mars/Olympus', 'unknown time zone Mars/Olympus'],
    ['date', '2026-12-01 09:00:00', 'not an ISO 8601 date-time'],
    ['date', '#$%^&*garbage', 'not an ISO 8601 date-time'],
  ] as const)('should refuse %s timer %j', (kind, text, reason) => {
    // when
    const attempt = (): unknown => parseTimer(kind, text, NOW);
    // then
    expect(attempt).toThrow(TimerFormatError);
    expect(attempt).toThrow(reason);
  });

  it('should name the problem in Chinese, then English, and quote the text', () => {
    // when
    let error: unknown;
    try {
      parseTimer('cycle', 'R-1/PT1H', NOW);
    } catch (caught) {
      error = caught;
    }
    // then
    expect(error).toBeInstanceOf(TimerFormatError);
    const timerError = error as TimerFormatError; // narrowed by the assertion above
    expect(timerError.code).toBe('WF_TIMER_FORMAT');
    expect(timerError.message).toBe(
      '定时器格式无效：重复次数必须是正整数（例如 R3），或省略表示无限：「R-1/PT1H」 / invalid timer cycle: repetitions must be a positive whole number (e.g. R3), or left out for no limit: "R-1/PT1H"',
    );
    expect(timerError.details).toEqual({ kind: 'cycle', text: 'R-1/PT1H' });
  });

  it.each(['duration', 'date', 'cycle'] as const)('should refuse a 10,000-character %s text with a short message', (kind) => {
    // given
    const text = `P${'1'.repeat(10_000)}D`;
    // when
    let error: unknown;
    try {
      parseTimer(kind, text, NOW);
    } catch (caught) {
      error = caught;
    }
    // then
    expect(error).toBeInstanceOf(TimerFormatError);
    expect((error as Error).message).toContain('longer than 256 characters');
    expect((error as Error).message.length).toBeLessThan(300);
  });

  it('should refuse an unknown default time zone', () => {
    // when / then
    expect(() => parseTimer('duration', 'PT1H', NOW, 'Nowhere/Special')).toThrow('unknown time zone Nowhere/Special');
  });
});
