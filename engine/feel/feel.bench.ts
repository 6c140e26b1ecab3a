/**
 * Speed of FEEL evaluation: the compiled subset vs feelin alone (not part of `npm test`).
 * Run: `npx vitest bench engine/feel/feel.bench.ts --run`
 * "feelin only" is feelin's `evaluate` per call, without the engine's memo of pure results.
 */
import { bench, describe } from 'vitest';
import { createWorkingCalendar } from '../calendar/create-working-calendar.js';
import { defaultCalendarYears } from '../calendar/default-calendar-years.js';
import { compileFeel } from './compile.js';
import type { FeelEnv } from './expression.js';

const env: FeelEnv = { now: Date.UTC(2026, 8, 30, 2, 30), timeZone: 'Asia/Shanghai', calendar: createWorkingCalendar(defaultCalendarYears), warn: () => {} };
const vars: Record<string, unknown> = {
  category: 'repair',
  amount: 1500,
  urgent: false,
  reporter: { name: '张三', building: { no: 3, unit: 2 } },
  history: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  description: '楼道灯坏了，晚上很黑，请尽快维修。'.repeat(5),
  deadline: '2026-10-09T18:00:00+08:00',
};
const lookup = (name: string): unknown => vars[name];

const cases = [
  'category = "repair" and amount > 1000',
  'category in ["repair", "noise", "parking"]',
  'not(urgent) and reporter.building.no >= 3 or amount * 2 > 5000',
  'add working days(now(), 3)',
  'if amount > 1000 then "high" else "low"',
  'contains(description, "维修") or starts with(category, "rep")',
  'count(history) > 3',
  '{t: amount}.t > 3',
  'date and time(deadline) < now()',
];

for (const source of cases) {
  const fast = compileFeel(source);
  const slow = compileFeel(source, { fastPath: false, memo: false });
  describe(`${source} [${fast.path}]`, () => {
    bench('engine', () => {
      fast.evaluate(lookup, env);
    });
    bench('feelin only', () => {
      slow.evaluate(lookup, env);
    });
  });
}

// A step's clock moves: now() cannot be served from the one-entry memo here.
describe('add working days(now(), 3), new now per evaluation', () => {
  const fast = compileFeel('add working days(now(), 3)');
  const slow = compileFeel('add working days(now(), 3)', { fastPath: false, memo: false });
  let tick = 0;
  const nextEnv = (): FeelEnv => ({ ...env, now: env.now + (tick++ % 100_000) * 60_000 });
  bench('engine', () => {
    fast.evaluate(lookup, nextEnv());
  });
  bench('feelin only', () => {
    slow.evaluate(lookup, nextEnv());
  });
});
