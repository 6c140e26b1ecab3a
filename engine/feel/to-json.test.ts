import { evaluate } from 'feelin';
import { describe, expect, it } from 'vitest';
import { toJsonValue } from './to-json.js';

function json(source: string): unknown {
  return toJsonValue(evaluate(source, {}).value);
}

describe('toJsonValue', () => {
  it('should store temporal results as ISO 8601 text', () => {
    expect(json('date("2026-10-10")')).toBe('2026-10-10');
    expect(json('date and time("2026-10-10T10:30:00+08:00")')).toBe('2026-10-10T10:30:00+08:00');
    expect(json('date and time("2026-10-10T02:30:00Z")')).toBe('2026-10-10T02:30:00Z');
    expect(json('date and time("2026-10-10T10:30:00.250+08:00")')).toBe('2026-10-10T10:30:00.25+08:00');
    expect(json('date and time("2026-10-10T10:30:00")')).toBe('2026-10-10T10:30:00');
    expect(json('time("10:30:00+08:00")')).toBe('10:30:00+08:00');
    expect(json('duration("P3D")')).toBe('P3D');
    expect(json('duration("PT36H")')).toBe('P1DT12H');
    expect(json('duration("P1Y2M")')).toBe('P1Y2M');
  });

  it('should write a date-time in a named zone with that zone’s offset, not feelin’s @zone form', () => {
    expect(json('date and time("2026-10-10T10:30:00@Asia/Shanghai")')).toBe('2026-10-10T10:30:00+08:00');
    expect(json('date and time("2026-07-01T10:30:00@Europe/Berlin")')).toBe('2026-07-01T10:30:00+02:00');
  });

  it('should convert nested values and drop what JSON cannot hold', () => {
    expect(json('{due: date("2026-10-10"), tags: ["a", 1, null]}')).toEqual({ due: '2026-10-10', tags: ['a', 1, null] });
    expect(json('[1..3]')).toBeNull();
    expect(json('function(x) x')).toBeNull();
    expect(toJsonValue(Number.NaN)).toBeNull();
    expect(toJsonValue(undefined)).toBeNull();
  });
});
