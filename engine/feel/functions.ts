import { addWorkingDays, workingDaysBetween, isWorkingDayNumber } from '../calendar/working-days.js';
import type { FeelEnv } from './expression.js';
import { assertPatternRunnable } from './safe-pattern.js';
import { nowInZone, todayInZone, toCalendarPoint } from './temporal.js';

/** A FEEL function the engine adds or overrides; `params` are its FEEL parameter names. */
export interface EngineFunction {
  readonly params: readonly string[];
  readonly call: (env: FeelEnv, args: readonly unknown[]) => unknown;
  /** Whether the result depends on the env (clock, calendar) rather than on the arguments alone. */
  readonly readsEnv: boolean;
}

/** Warns once per call for each year without holiday data (Chinese first, then English). */
function missingYearWarner(env: FeelEnv): (year: number) => void {
  return (year) => env.warn(`${year} 年节假日数据未加载，按周末规则推算 / holiday data for ${year} is not loaded; weekends only`);
}

const table: Record<string, EngineFunction> = {
  // Built-ins bound to the step's clock: never the real clock.
  now: { params: [], readsEnv: true, call: (env) => nowInZone(env) },
  today: { params: [], readsEnv: true, call: (env) => todayInZone(env) },

  'add working days': {
    params: ['from', 'n'],
    readsEnv: true,
    call(env, [from, n]) {
      const point = toCalendarPoint(from, env);
      if (point === null || typeof n !== 'number') return null;
      const day = addWorkingDays(env.calendar, point.dayNumber, n, missingYearWarner(env));
      return day === null ? null : point.withDay(day);
    },
  },

  'working days between': {
    params: ['from', 'to'],
    readsEnv: true,
    call(env, [from, to]) {
      const start = toCalendarPoint(from, env);
      const end = toCalendarPoint(to, env);
      if (start === null || end === null) return null;
      return workingDaysBetween(env.calendar, start.dayNumber, end.dayNumber, missingYearWarner(env));
    },
  },

  'is working day': {
    params: ['date'],
    readsEnv: true,
    call(env, [value]) {
      const point = toCalendarPoint(value, env);
      return point === null ? null : isWorkingDayNumber(env.calendar, point.dayNumber, missingYearWarner(env));
    },
  },

  // Camunda 8 built-ins that feelin 8.2 lacks; models written for Camunda use them.
  'is defined': { params: ['value'], readsEnv: false, call: (_env, [value]) => value !== null && value !== undefined },
  'get or else': { params: ['value', 'default'], readsEnv: false, call: (_env, [value, fallback]) => value ?? fallback ?? null },
  'is empty': { params: ['list'], readsEnv: false, call: (_env, [list]) => (Array.isArray(list) ? list.length === 0 : null) },
  'is blank': { params: ['string'], readsEnv: false, call: (_env, [text]) => (typeof text === 'string' ? text.trim() === '' : null) },
  trim: { params: ['string'], readsEnv: false, call: (_env, [text]) => (typeof text === 'string' ? text.trim() : null) },

  // feelin's regex built-ins, guarded: a catastrophic pattern or an over-long input is an evaluation error (an incident), not a hung worker.
  matches: {
    params: ['input', 'pattern', 'flags'],
    readsEnv: false,
    call: (_env, [input, pattern, flags]) => withUserPattern('matches', input, pattern, flags, '', (regexp, text) => regexp.test(text)),
  },
  replace: {
    params: ['input', 'pattern', 'replacement', 'flags'],
    readsEnv: false,
    call: (_env, [input, pattern, replacement, flags]) =>
      typeof replacement !== 'string' ? null : withUserPattern('replace', input, pattern, flags, 'g', (regexp, text) => text.replace(regexp, replacement.replace(/\$0/g, '$$&'))),
  },
  split: {
    params: ['string', 'delimiter'],
    readsEnv: false,
    call: (_env, [input, delimiter]) => withUserPattern('split', input, delimiter, undefined, '', (regexp, text) => text.split(regexp)),
  },
};

/**
 * Runs a FEEL regex function as feelin does (`u` flag, FEEL flags s, m, i; null for arguments
 * that are not strings or a pattern that does not compile), after refusing unsafe patterns and
 * inputs over the cap (safe-pattern.ts).
 */
function withUserPattern<T>(name: string, input: unknown, pattern: unknown, flags: unknown, defaultFlags: string, run: (regexp: RegExp, text: string) => T): T | null {
  if (typeof input !== 'string' || typeof pattern !== 'string' || (flags !== undefined && flags !== null && typeof flags !== 'string')) return null;
  const given = typeof flags === 'string' ? flags : '';
  if (/[^smix]/.test(given)) throw new Error(`${name}() 的标志无效：${given} / illegal flags for ${name}(): ${given}`);
  if (given.includes('x')) throw new Error(`${name}() 不支持 x 标志 / ${name}() does not support the x flag`);
  assertPatternRunnable(pattern, input, `${name}()`);
  let regexp: RegExp;
  try {
    regexp = new RegExp(pattern, `u${[...new Set(given + defaultFlags)].join('')}`);
  } catch {
    return null;
  }
  return run(regexp, input);
}

/** The engine's FEEL functions by name. */
export const engineFunctionTable: ReadonlyMap<string, EngineFunction> = new Map(Object.entries(table));

/** Names the parser must know as functions (names with spaces cannot be guessed). */
export const engineFunctionNames: readonly string[] = [...engineFunctionTable.keys()];

/** Functions whose results depend on the env: expressions using them are never memoised. */
export const envReadingFunctionNames: readonly string[] = engineFunctionNames.filter((name) => engineFunctionTable.get(name)?.readsEnv);

const boundCache = new WeakMap<FeelEnv, Record<string, unknown>>();

/**
 * The functions as feelin context entries bound to `env` (`$args` tells feelin the parameter
 * names). Cached per env object; callers must copy before adding entries.
 */
export function engineFunctions(env: FeelEnv): Readonly<Record<string, unknown>> {
  let bound = boundCache.get(env);
  if (!bound) {
    bound = {};
    for (const [name, fn] of engineFunctionTable) {
      bound[name] = Object.assign((...args: unknown[]) => fn.call(env, args), { $args: [...fn.params] });
    }
    boundCache.set(env, bound);
  }
  return bound;
}
