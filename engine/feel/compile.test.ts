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

  it('should tell static values from FEEL', () => {
    expect(compileValue('rc').kind).toBe('static');
    expect(compileValue('= "rc"').kind).toBe('feel');
  });
});
