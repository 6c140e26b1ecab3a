import { describe, expect, it } from 'vitest';
import { nextFiring, parseTimer, type TimerSchedule } from './timer-schedule.js';
import { TimerFormatError } from './timer-format-error.js';

const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${iso}`);
  return ms;
};
// A Thursday.
const NOW = at('2026-11-26T10:00:00+08:00');

function firstDues(schedule: TimerSchedule, count: number): number[] {
  const dues: number[] = [];
  let current: TimerSchedule | null = schedule;
  while (current && dues.length < count) {
    dues.push(current.dueAt);
    current = nextFiring(current, current.dueAt);
  }
  return dues;
}

describe('parseTimer: cron cycle', () => {
  it('should fire 0 0 9 * * MON-FRI on working-week mornings in Shanghai, without end', () => {
    // when
    const schedule = parseTimer('cycle', '0 0 9 * * MON-FRI', NOW);
    // then
    expect(schedule.remaining).toBe('infinite');
    expect(firstDues(schedule, 3)).toEqual([
      at('2026-11-27T09:00:00+08:00'),
      at('2026-11-30T09:00:00+08:00'),
      at('2026-12-01T09:00:00+08:00'),
    ]);
  });

  it.each([
    ['@daily', ['2026-11-27T00:00:00+08:00', '2026-11-28T00:00:00+08:00']],
    ['@hourly', ['2026-11-26T11:00:00+08:00', '2026-11-26T12:00:00+08:00']],
    ['0 */15 * * * *', ['2026-11-26T10:15:00+08:00', '2026-11-26T10:30:00+08:00']],
    ['30 5/20 10 * * *', ['2026-11-26T10:05:30+08:00', '2026-11-26T10:25:30+08:00']],
    ['0 0 9 1 * ?', ['2026-12-01T09:00:00+08:00', '2027-01-01T09:00:00+08:00']],
    ['0 0 8 ? JAN,JUL 1', ['2027-01-04T08:00:00+08:00', '2027-01-11T08:00:00+08:00']],
    ['0 0 8 * * 0', ['2026-11-29T08:00:00+08:00', '2026-12-06T08:00:00+08:00']],
    ['0 0 8 * * 7', ['2026-11-29T08:00:00+08:00', '2026-12-06T08:00:00+08:00']],
    ['0 0 12 29 2 *', ['2028-02-29T12:00:00+08:00', '2032-02-29T12:00:00+08:00']],
    ['0 0 9 13 * FRI', ['2027-08-13T09:00:00+08:00', '2028-10-13T09:00:00+08:00']],
  ])('should fire %s at the matching times', (expression, dues) => {
    // when
    const schedule = parseTimer('cycle', expression, NOW);
    // then
    expect(firstDues(schedule, 2)).toEqual(dues.map(at));
  });

  it('should read the wall clock of the given time zone and move a time skipped by DST later', () => {
    // given Berlin skips 02:00–03:00 on 2026-03-29
    const now = at('2026-03-28T12:00:00+01:00');
    // when
    const schedule = parseTimer('cycle', '0 30 2 * * *', now, 'Europe/Berlin');
    // then
    expect(firstDues(schedule, 3)).toEqual([
      at('2026-03-29T03:30:00+02:00'),
      at('2026-03-30T02:30:00+02:00'),
      at('2026-03-31T02:30:00+02:00'),
    ]);
  });

  it('should fold runs missed during an outage into one late firing', () => {
    // given
    const schedule = parseTimer('cycle', '0 0 9 * * *', NOW);
    // when the first firing is delivered three days late
    const next = nextFiring(schedule, at('2026-11-30T15:00:00+08:00'));
    // then
    expect(next?.dueAt).toBe(at('2026-12-01T09:00:00+08:00'));
  });

  it('should keep the cron schedule JSON-safe', () => {
    // given
    const schedule = parseTimer('cycle', '0 0 9 * * MON-FRI', NOW);
    // when
    const restored = JSON.parse(JSON.stringify(schedule)) as TimerSchedule;
    // then
    expect(nextFiring(restored, restored.dueAt)).toEqual(nextFiring(schedule, schedule.dueAt));
  });

  it.each([
    ['0 9 * * 1-5', 'nor a cron expression with 6 fields'],
    ['0 0 25 * * *', 'cron hour field "25" is outside 0–23'],
    ['0 0 9 * 13 *', 'cron month field "13" is outside 1–12'],
    ['0 0 9 L * *', 'uses L, W or #'],
    ['0 0 9 15W * *', 'uses L, W or #'],
    ['0 0 9 * * MON#2', 'uses L, W or #'],
    ['0 0 9 30 2 *', 'names a day that never occurs'],
    ['0 0 9 5-1 * *', 'has a range running backwards'],
    ['? 0 9 * * *', 'cron second field "?" cannot use ?'],
    ['0 0 9 * * FUNDAY', 'is outside 0–7'],
    ['0 0 9 * * */0', 'needs a step of at least 1'],
    ['@every5m', 'unknown cron macro'],
  ])('should refuse %j', (expression, reason) => {
    // when
    const attempt = (): unknown => parseTimer('cycle', expression, NOW);
    // then
    expect(attempt).toThrow(TimerFormatError);
    expect(attempt).toThrow(reason);
  });
});
