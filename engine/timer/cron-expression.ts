import type { FailTimer } from './timer-problem.js';

/**
 * A Spring-style cron expression (the kind Zeebe accepts as `timeCycle`), reduced to the values
 * each field allows. Day of month and day of week must both match, as in Spring (not Unix `OR`).
 */
export interface CronSpec {
  readonly seconds: ReadonlySet<number>;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** ISO day numbers: 1 = Monday … 7 = Sunday. */
  readonly daysOfWeek: ReadonlySet<number>;
}

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldRule {
  readonly zh: string;
  readonly en: string;
  readonly min: number;
  readonly max: number;
  /** Names standing for numbers, index + `nameBase` being the value. */
  readonly names?: readonly string[];
  readonly nameBase?: number;
  readonly allowsQuestionMark?: boolean;
}
const FIELDS: readonly FieldRule[] = [
  { zh: '秒', en: 'second', min: 0, max: 59 },
  { zh: '分', en: 'minute', min: 0, max: 59 },
  { zh: '时', en: 'hour', min: 0, max: 23 },
  { zh: '日', en: 'day of month', min: 1, max: 31, allowsQuestionMark: true },
  { zh: '月', en: 'month', min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 },
  // 0 and 7 are both Sunday, as in Spring.
  { zh: '星期', en: 'day of week', min: 0, max: 7, names: DAY_NAMES, nameBase: 0, allowsQuestionMark: true },
];
const LONGEST_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when the text looks like a cron expression rather than an ISO 8601 cycle. */
export function looksLikeCron(text: string): boolean {
  return text.startsWith('@') || /\s/.test(text);
}

/**
 * Reads `second minute hour day-of-month month day-of-week` with `*`, `?`, lists, ranges, steps
 * and English month and day names, plus `@daily`-style macros. Spring's `L`, `W` and `#` are
 * refused with a message saying so.
 */
export function parseCronExpression(text: string, fail: FailTimer): CronSpec {
  const expanded = MACROS[text.toLowerCase()] ?? text;
  if (expanded.startsWith('@')) fail('未知的 cron 宏（可用 @daily、@hourly 等）', 'unknown cron macro (use @daily, @hourly, …)');
  const parts = expanded.split(/\s+/);
  if (parts.length !== 6) fail(
      '既不是 ISO 8601 循环（例如 R3/PT1H），也不是 6 个字段的 cron 表达式（秒 分 时 日 月 星期）',
      'neither an ISO 8601 cycle (e.g. R3/PT1H) nor a cron expression with 6 fields (second minute hour day-of-month month day-of-week)',
    );
  const [seconds, minutes, hours, daysOfMonth, months, daysOfWeek] = FIELDS.map((rule, i) => parseField(parts[i] ?? '', rule, fail));
  if (!seconds || !minutes || !hours || !daysOfMonth || !months || !daysOfWeek) return fail('cron 表达式不完整', 'incomplete cron expression');
  if (daysOfWeek.delete(0)) daysOfWeek.add(7);
  const dayExists = [...months].some((month) => [...daysOfMonth].some((day) => day <= (LONGEST_MONTH[month - 1] ?? 0)));
  if (!dayExists) fail('cron 表达式中的日期永远不会出现（例如 2 月 30 日）', 'the cron expression names a day that never occurs (e.g. 30 February)');
  return { seconds, minutes, hours, daysOfMonth, months, daysOfWeek };
}

function parseField(field: string, rule: FieldRule, fail: FailTimer): Set<number> {
  const where = { zh: `cron 的${rule.zh}字段「${field}」`, en: `cron ${rule.en} field "${field}"` };
  if (/[LW#]/i.test(field.replace(/[A-Z]{3}/gi, (name) => (isName(name, rule) ? '' : name)))) {
    fail(`${where.zh}用了暂不支持的 L、W 或 #`, `${where.en} uses L, W or #, which are not supported yet`);
  }
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const match = /^(\*|\?|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/(\d{1,2}))?$/.exec(item);
    if (!match) return fail(`${where.zh}无效`, `${where.en} is invalid`);
    const [, range = '', stepText] = match;
    if (range === '?' && (!rule.allowsQuestionMark || stepText !== undefined)) fail(`${where.zh}不能用 ?`, `${where.en} cannot use ?`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) fail(`${where.zh}的步长必须至少为 1`, `${where.en} needs a step of at least 1`);
    let from = rule.min;
    let to = rule.max;
    if (range !== '*' && range !== '?') {
      const [low = '', high] = range.split('-');
      from = valueOf(low, rule, where, fail);
      // `5/15` means from 5 to the end, every 15, as in Spring.
      to = high === undefined ? (stepText === undefined ? from : rule.max) : valueOf(high, rule, where, fail);
      if (from > to) fail(`${where.zh}的范围颠倒了`, `${where.en} has a range running backwards`);
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

function isName(name: string, rule: FieldRule): boolean {
  return rule.names?.includes(name.toUpperCase()) ?? false;
}

function valueOf(token: string, rule: FieldRule, where: { zh: string; en: string }, fail: FailTimer): number {
  const named = rule.names?.indexOf(token.toUpperCase()) ?? -1;
  const value = named >= 0 ? named + (rule.nameBase ?? 0) : /^\d{1,2}$/.test(token) ? Number(token) : Number.NaN;
  if (!(value >= rule.min && value <= rule.max)) fail(`${where.zh}超出 ${rule.min}–${rule.max}`, `${where.en} is outside ${rule.min}–${rule.max}`);
  return value;
}
