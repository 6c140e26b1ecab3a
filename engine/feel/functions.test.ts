import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../calendar/create-working-calendar.js';
import { defaultCalendarYears } from '../calendar/default-calendar-years.js';
import { compileFeel } from './compile.js';
import type { FeelEnv } from './expression.js';

const calendar = createWorkingCalendar(defaultCalendarYears);

/** Evaluates on both paths (compiled subset and feelin) and requires the same answer. */
function feel(source: string, vars: Record<string, unknown> = {}, now = Date.UTC(2026, 8, 30, 2, 30), timeZone = 'Asia/Shanghai'): { value: unknown; warnings: string[] } {
  const results = [true, false].map((fastPath) => {
    const warnings: string[] = [];
    const env: FeelEnv = { now, timeZone, calendar, warn: (m) => warnings.push(m) };
    return { value: compileFeel(source, { fastPath }).evaluate((n) => vars[n], env), warnings };
  });
  expect(results[0]).toEqual(results[1]);
  return results[0] as { value: unknown; warnings: string[] }; // two results were just built
}

describe('now() and today()', () => {
  it('should return the step’s time in Asia/Shanghai, never the real clock', () => {
    // given 2026-09-30 02:30 UTC = 10:30 in Shanghai
    // when / then
    expect(feel('now()').value).toBe('2026-09-30T10:30:00+08:00');
    expect(feel('today()').value).toBe('2026-09-30');
  });

  it('should give the Shanghai date when UTC is still on the previous day', () => {
    // given 2026-09-30 17:00 UTC = 2026-10-01 01:00 in Shanghai
    const now = Date.UTC(2026, 8, 30, 17, 0);
    expect(feel('today()', {}, now).value).toBe('2026-10-01');
    expect(feel('now()', {}, now).value).toBe('2026-10-01T01:00:00+08:00');
  });

  it('should follow another configured zone', () => {
    expect(feel('now()', {}, Date.UTC(2026, 6, 1, 12), 'Europe/Berlin').value).toBe('2026-07-01T14:00:00+02:00');
    expect(feel('now()', {}, Date.UTC(2026, 11, 1, 12), 'Europe/Berlin').value).toBe('2026-12-01T13:00:00+01:00');
  });

  it('should compare with dates written in the model', () => {
    expect(feel('now() > date and time("2026-09-30T10:00:00+08:00")').value).toBe(true);
    expect(feel('today() = date("2026-09-30")').value).toBe(true);
  });
});

describe('add working days', () => {
  it('should set a due date 3 working days out across National Day 2026 and its moved Saturday', () => {
    // given now = Wednesday 2026-09-30 10:30 in Shanghai; 10-01..10-07 are off, Saturday 10-10 is worked
    // when
    const { value, warnings } = feel('add working days(now(), 3)');
    // then 10-08, 10-09, 10-10 — keeping the time of day
    expect(value).toBe('2026-10-10T10:30:00+08:00');
    expect(warnings).toEqual([]);
  });

  it('should set a due date across Spring Festival 2026', () => {
    // given Friday 2026-02-13 09:00 in Shanghai; Saturday 02-14 is worked, 02-15..02-23 off
    const now = Date.UTC(2026, 1, 13, 1, 0);
    expect(feel('add working days(now(), 1)', {}, now).value).toBe('2026-02-14T09:00:00+08:00');
    expect(feel('add working days(now(), 2)', {}, now).value).toBe('2026-02-24T09:00:00+08:00');
    expect(feel('add working days(today(), 5)', {}, now).value).toBe('2026-02-27');
  });

  it('should count the day in Shanghai for a UTC date-time and answer in UTC', () => {
    // given 2026-09-30T17:00Z, which is already 10-01 01:00 in Shanghai (a holiday)
    // when one working day is added: 10-08 01:00 in Shanghai, which is 10-07 17:00 UTC
    expect(feel('add working days(date and time("2026-09-30T17:00:00Z"), 1)').value).toBe('2026-10-07T17:00:00Z');
  });

  it('should accept ISO strings from variables, as form data stores dates', () => {
    expect(feel('add working days(received, 3)', { received: '2026-09-30' }).value).toBe('2026-10-10');
    expect(feel('add working days(received, 1)', { received: '2026-09-30T18:00:00+08:00' }).value).toBe('2026-10-08T18:00:00+08:00');
    expect(feel('add working days(received, 1)', { received: '2026-09-30T18:00:00' }).value).toBe('2026-10-08T18:00:00');
    expect(feel('add working days(date and time(received), 2)', { received: '2026-09-30T18:00:00+08:00' }).value).toBe('2026-10-09T18:00:00+08:00');
  });

  it('should keep milliseconds exactly', () => {
    expect(feel('add working days(d, 1)', { d: '2026-09-30T10:00:00.123+08:00' }).value).toBe('2026-10-08T10:00:00.123+08:00');
  });

  it('should keep a named zone and print it with its offset', () => {
    expect(feel('add working days(date and time("2026-09-30T18:00:00@Asia/Shanghai"), 1)').value).toBe('2026-10-08T18:00:00+08:00');
  });

  it('should keep the wall-clock time across a daylight-saving change in another configured zone', () => {
    // given Europe/Berlin, which moves to summer time on Sunday 2026-03-29
    const now = Date.UTC(2026, 2, 27, 9, 0); // Friday 10:00 in Berlin (+01:00)
    // when one working day is added (Monday 03-30)
    // then it is still 10:00 in Berlin, now at +02:00
    expect(feel('add working days(now(), 1)', {}, now, 'Europe/Berlin').value).toBe('2026-03-30T09:00:00+01:00');
    expect(feel('add working days(date and time("2026-03-27T10:00:00@Europe/Berlin"), 1)', {}, now, 'Europe/Berlin').value).toBe('2026-03-30T10:00:00+02:00');
  });

  it('should move n = 0 off a day off and count back for a negative n', () => {
    expect(feel('add working days(date("2026-10-03"), 0)').value).toBe('2026-10-08');
    expect(feel('add working days(date("2026-10-08"), -1)').value).toBe('2026-09-30');
  });

  it('should warn, in Chinese and English, when the count runs into a year without data', () => {
    // given 2026-12-30; 2027's holidays are not loaded
    const { value, warnings } = feel('add working days(date("2026-12-30"), 5)');
    // then weekends only are skipped in 2027, and the user is told so
    expect(value).toBe('2027-01-06');
    expect(warnings).toEqual(['2027 年节假日数据未加载，按周末规则推算 / holiday data for 2027 is not loaded; weekends only']);
  });

  it('should give null for arguments that are not a date and a whole number', () => {
    expect(feel('add working days("soon", 3)').value).toBeNull();
    expect(feel('add working days(date("2026-10-08"), 1.5)').value).toBeNull();
    expect(feel('add working days(date("2026-10-08"), "3")').value).toBeNull();
    expect(feel('add working days(null, 3)').value).toBeNull();
  });
});

describe('working days between and is working day', () => {
  it('should count the working days after the start up to the end', () => {
    expect(feel('working days between(date("2026-09-30"), date("2026-10-12"))').value).toBe(4);
    expect(feel('working days between(a, b)', { a: '2026-10-12', b: '2026-09-30' }).value).toBe(-4);
  });

  it('should tell working days, moved working days and holidays apart', () => {
    expect(feel('is working day(date("2026-10-10"))').value).toBe(true);
    expect(feel('is working day(date("2026-10-01"))').value).toBe(false);
    expect(feel('is working day(d)', { d: '2026-02-14' }).value).toBe(true);
    expect(feel('is working day(today())').value).toBe(true);
  });

  it('should warn when asked about a year without data', () => {
    const { value, warnings } = feel('is working day(date("2027-01-01"))');
    expect(value).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('2027');
  });
});

describe('Camunda built-ins that feelin lacks', () => {
  it('should tell whether a variable is set, as Camunda models check before using it', () => {
    expect(feel('is defined(x)', { x: 0 }).value).toBe(true);
    expect(feel('is defined(x)', { x: null }).value).toBe(false);
    expect(feel('is defined(x)').value).toBe(false);
    expect(feel('if is defined(x) then x else "无"').value).toBe('无');
  });

  it('should fall back to a default for null', () => {
    expect(feel('get or else(x, "默认")').value).toBe('默认');
    expect(feel('get or else(x, "默认")', { x: '已填' }).value).toBe('已填');
  });

  it('should check empty lists, blank text and trim it (full-width spaces included)', () => {
    expect(feel('is empty(x)', { x: [] }).value).toBe(true);
    expect(feel('is empty(x)', { x: [1] }).value).toBe(false);
    expect(feel('is empty(x)', { x: 'a' }).value).toBeNull();
    expect(feel('is blank(x)', { x: ' \u3000 ' }).value).toBe(true);
    expect(feel('trim(x)', { x: '\u3000 3号楼 ' }).value).toBe('3号楼');
  });
});
