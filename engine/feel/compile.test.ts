import { describe, expect, it } from 'vitest';
import { compileFeel, compileValue } from './compile.js';
import { FeelSyntaxError, type FeelEnv } from './expression.js';

const env: FeelEnv = { now: Date.UTC(2026, 10, 26, 2), timeZone: 'Asia/Shanghai', calendar: { years: [], isWorkingDay: () => undefined }, warn: () => {} };

describe('compileFeel', () => {
  it('should find the variables an expression reads', () => {
    expect(compileFeel('category = "repair" and a.b > 1').variables).toEqual(['category', 'a']);
  });

  it('should evaluate against looked-up variables', () => {
    const vars: Record<string, unknown> = { category: 'repair', a: { b: 2 } };
    expect(compileFeel('category = "repair" and a.b > 1').evaluate((n) => vars[n], env)).toBe(true);
  });

  it('should refuse broken FEEL with its position', () => {
    expect(() => compileFeel('foo(')).toThrow(FeelSyntaxError);
  });

  it('should not reuse a feelin result that depends on the clock', () => {
    // given an expression outside the fast subset that reads now()
    const expr = compileFeel('{t: string(now())}.t');
    expect(expr.path).toBe('feelin');
    // when it is evaluated at two instants with the same variables
    const first = expr.evaluate(() => undefined, env);
    const second = expr.evaluate(() => undefined, { ...env, now: env.now + 60_000 });
    // then each sees its own time
    expect(first).toBe('2026-11-26T10:00:00+08:00');
    expect(second).toBe('2026-11-26T10:01:00+08:00');
  });

  it('should tell static values from FEEL', () => {
    expect(compileValue('rc').kind).toBe('static');
    expect(compileValue('= "rc"').kind).toBe('feel');
  });
});
