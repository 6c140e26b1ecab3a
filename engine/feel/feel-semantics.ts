import { FeelDate, FeelDateTime } from 'feelin';
import { isoDateToDayNumber } from '../calendar/calendar-date.js';
import { fixedOffsetMs, wallMsOf } from './temporal.js';

/**
 * FEEL operators on plain values, written to give exactly what feelin 8.2.0 gives (checked by
 * the differential tests in fast-path.test.ts). Where feelin's answer depends on coercions we
 * do not want to reproduce (mixed types in `<`, temporal values, lists, contexts), the operator
 * throws `DEOPT` and the whole expression is evaluated by feelin instead.
 */

/** Thrown (never as an Error, so no stack is captured) when feelin must decide. */
export const DEOPT: unique symbol = Symbol('feel-deopt');

export type Primitive = null | boolean | number | string;

export function isPrimitive(value: unknown): value is Primitive {
  return value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string';
}

function primitive(value: unknown): Primitive {
  if (isPrimitive(value)) return value;
  throw DEOPT;
}

/** `a = b`: null equals only null; different types are not comparable (null). */
export function feelEquals(a: unknown, b: unknown): boolean | null {
  if (a instanceof FeelDate || a instanceof FeelDateTime || b instanceof FeelDate || b instanceof FeelDateTime) return temporalEquals(a, b);
  const left = primitive(a);
  const right = primitive(b);
  if (left === null || right === null) return left === right;
  if (typeof left !== typeof right) return null;
  return left === right;
}

export function feelNotEquals(a: unknown, b: unknown): boolean | null {
  const equal = feelEquals(a, b);
  return equal === null ? null : !equal;
}

export type OrderOp = '<' | '<=' | '>' | '>=';

/** `a < b` etc. on two numbers or two strings; a null operand gives null. */
export function feelOrder(op: OrderOp, a: unknown, b: unknown): boolean | null {
  if (b === null) return null;
  if (b instanceof FeelDate || b instanceof FeelDateTime) {
    if (a === null) return null;
    if (!(a instanceof FeelDate || a instanceof FeelDateTime)) throw DEOPT;
    // date and date-and-time are distinct FEEL types: not comparable.
    if (a instanceof FeelDate !== b instanceof FeelDate) return null;
    return order(op, temporalMs(a), temporalMs(b));
  }
  if (typeof b !== 'number' && typeof b !== 'string') throw DEOPT;
  if (a === null) return null;
  if (typeof a !== typeof b) throw DEOPT;
  // feelin orders through a comparator that calls NaN "equal" to everything (`NaN <= 1` is true).
  if (Number.isNaN(a) || Number.isNaN(b)) throw DEOPT;
  return order(op, a as number | string, b); // a has b's primitive type, checked above
}

function order<T extends number | string>(op: OrderOp, left: T, right: T): boolean {
  switch (op) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}

/**
 * The instant feelin compares temporal values by, in ms: a date at UTC midnight, a date-time
 * without zone as if in UTC, a date-time with a fixed offset at that offset. Named zones → feelin.
 */
function temporalMs(value: FeelDate | FeelDateTime): number {
  if (value instanceof FeelDate) {
    const day = isoDateToDayNumber(value.toString());
    if (day === null) throw DEOPT;
    return day * 86_400_000;
  }
  const wall = wallMsOf(value);
  if (wall === null) throw DEOPT;
  if (value.zone === null) return wall;
  const offset = fixedOffsetMs(value.zone);
  if (offset === null) throw DEOPT;
  return wall - offset;
}

/** feelin's `=` where a temporal value is involved. */
function temporalEquals(a: unknown, b: unknown): boolean | null {
  if (a === null || b === null) return false;
  const aTemporal = a instanceof FeelDate || a instanceof FeelDateTime;
  const bTemporal = b instanceof FeelDate || b instanceof FeelDateTime;
  if (!aTemporal || !bTemporal) throw DEOPT;
  if (a instanceof FeelDate !== b instanceof FeelDate) return null;
  // A zoned and a zone-less date-time are never equal.
  if (a instanceof FeelDateTime && b instanceof FeelDateTime && (a.zone === null) !== (b.zone === null)) return false;
  return temporalMs(a) === temporalMs(b);
}

/** Three-valued `and`: false wins, then null; non-booleans count as null. */
export function feelAnd(a: unknown, b: unknown): boolean | null {
  const left = typeof a === 'boolean' ? a : null;
  const right = typeof b === 'boolean' ? b : null;
  if (left === false || right === false) return false;
  if (left === true && right === true) return true;
  return null;
}

/** Three-valued `or`: true wins, then null; non-booleans count as null. */
export function feelOr(a: unknown, b: unknown): boolean | null {
  const left = typeof a === 'boolean' ? a : null;
  const right = typeof b === 'boolean' ? b : null;
  if (left === true || right === true) return true;
  if (left === false && right === false) return false;
  return null;
}

export function feelNot(value: unknown): boolean | null {
  const v = primitive(value);
  return typeof v === 'boolean' ? !v : null;
}

export type ArithOp = '+' | '-' | '*' | '/' | '**' | '^';

/** Number arithmetic and string `+`; any other type mix is null. */
export function feelArithmetic(op: ArithOp, a: unknown, b: unknown): Primitive {
  const left = primitive(a);
  const right = primitive(b);
  if (typeof left === 'number' && typeof right === 'number') {
    switch (op) {
      case '+':
        return left + right;
      case '-':
        return left - right;
      case '*':
        return left * right;
      case '/':
        // Division by zero is null in FEEL (feelin also maps a NaN divisor to null).
        return right === 0 || Number.isNaN(right) ? null : left / right;
      case '**':
      case '^':
        return Math.pow(left, right);
    }
  }
  if (op === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  return null;
}

/**
 * `x in list` / `x in (a, b)`: true when an element equals x; elements of another type do not
 * match (membership is two-valued for plain values); `x in null` is null.
 */
export function feelIn(value: unknown, tests: unknown): boolean | null {
  if (tests === null) return null;
  const needle = primitive(value);
  const list = Array.isArray(tests) ? tests : [tests];
  for (const test of list) {
    if (feelEquals(test, needle) === true) return true;
  }
  return false;
}

/** `if c then a else b`: feelin takes the `then` branch for any value but false and null. */
export function feelTruthy(value: unknown): boolean {
  return value !== false && value !== null;
}

/** `x between lo and hi` on numbers or strings (bounds in either order); a null bound gives null. */
export function feelBetween(value: () => unknown, low: unknown, high: unknown): boolean | null {
  if (low === null || high === null) return null;
  if (typeof low === 'number' && typeof high === 'number') {
    const x = value();
    if (x === null) return null;
    if (typeof x !== 'number' || Number.isNaN(x) || Number.isNaN(low) || Number.isNaN(high)) throw DEOPT;
    return Math.min(low, high) <= x && x <= Math.max(low, high);
  }
  if (typeof low === 'string' && typeof high === 'string') {
    const x = value();
    if (x === null) return null;
    if (typeof x !== 'string') throw DEOPT;
    const [lo, hi] = low <= high ? [low, high] : [high, low];
    return lo <= x && x <= hi;
  }
  throw DEOPT;
}

/**
 * feelin built-ins the subset evaluates itself, for string arguments only (anything else, including
 * null, is left to feelin). Keyed by name; `arity` is the exact argument count.
 */
export const stringBuiltins: ReadonlyMap<string, { readonly arity: number; readonly apply: (args: readonly string[]) => unknown }> = new Map([
  ['contains', { arity: 2, apply: ([s, m]: readonly string[]) => (s ?? '').includes(m ?? '') }],
  ['starts with', { arity: 2, apply: ([s, m]: readonly string[]) => (s ?? '').startsWith(m ?? '') }],
  ['ends with', { arity: 2, apply: ([s, m]: readonly string[]) => (s ?? '').endsWith(m ?? '') }],
  ['upper case', { arity: 1, apply: ([s]: readonly string[]) => (s ?? '').toUpperCase() }],
  ['lower case', { arity: 1, apply: ([s]: readonly string[]) => (s ?? '').toLowerCase() }],
  // FEEL counts characters (code points), not UTF-16 units.
  ['string length', { arity: 1, apply: ([s]: readonly string[]) => (s ?? '').replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length }],
]);

export function stringArgs(values: readonly unknown[]): string[] {
  for (const value of values) if (typeof value !== 'string') throw DEOPT;
  return values as string[]; // every element checked just above
}
