import { bylawSettings, type BylawSettingKey } from '../../definitions/bylaw-settings.js';
import type { ValidationProblem } from '../../engine/errors.js';
import { WorkflowValidationError } from '../services/errors.js';

/**
 * The bylaw settings (规约参数) a community may set, each with its unit, the range the runtime
 * accepts and where its default comes from. Labels and defaults are the templates' own table
 * (definitions/bylaw-settings.ts, whose FEEL falls back to the same numbers); this module adds
 * what an administrator needs to change them safely.
 *
 * The three voting ratios are statutory floors (《民法典》第二百七十八条): a community's 管理规约
 * may ask for more, never for less, so their minimum is the legal value. Ordinary matters pass
 * when consent *exceeds* their ratio, so that ratio must stay below 1, and never above the
 * ratio of special matters.
 */
export interface BylawRule {
  readonly key: BylawSettingKey;
  readonly zh: string;
  readonly en: string;
  readonly unit: { readonly zh: string; readonly en: string };
  readonly defaultValue: number;
  /** Where the default comes from. */
  readonly basis: { readonly zh: string; readonly en: string };
  readonly min: number;
  readonly max: number;
  /** The value must stay below `max` (true) or may equal it (false). */
  readonly maxExclusive: boolean;
  readonly integer: boolean;
}

const civilCode = { zh: '《民法典》第二百七十八条（法定下限，规约只可提高）', en: 'Civil Code art. 278 (a legal floor: a bylaw may raise it, never lower it)' };
const ratio = { zh: '比例（0–1，如 0.75 即四分之三）', en: 'share (0–1, e.g. 0.75 for three quarters)' };

type RuleExtras = Omit<BylawRule, 'key' | 'zh' | 'en' | 'defaultValue'>;

const extras: Readonly<Record<BylawSettingKey, RuleExtras>> = {
  participationRatio: { unit: ratio, basis: civilCode, min: 2 / 3, max: 1, maxExclusive: false, integer: false },
  specialApprovalRatio: { unit: ratio, basis: civilCode, min: 3 / 4, max: 1, maxExclusive: false, integer: false },
  ordinaryApprovalRatio: { unit: ratio, basis: civilCode, min: 1 / 2, max: 1, maxExclusive: true, integer: false },
  proposalSupportDays: {
    unit: { zh: '天', en: 'days' },
    basis: { zh: '模板缺省：社区提案（“东明72变”提案征集）公示征集两周', en: 'template default: a community proposal collects support for two weeks' },
    min: 1,
    max: 90,
    maxExclusive: false,
    integer: true,
  },
  proposalSupportMin: {
    unit: { zh: '人', en: 'people' },
    basis: { zh: '模板缺省：约一个楼组的居民联名即可进入可行性评估', en: 'template default: about one building group of supporters before feasibility review' },
    min: 1,
    max: 10_000,
    maxExclusive: false,
    integer: true,
  },
  fundHearingThreshold: {
    unit: { zh: '元', en: 'yuan' },
    basis: { zh: '模板缺省：较大的自治金项目先开听证会（“三会”制度），金额由本居民区规约确定', en: 'template default: larger self-governance fund projects get a hearing first (the “three meetings”); the amount is the community’s to set' },
    min: 0,
    max: 10_000_000,
    maxExclusive: false,
    integer: true,
  },
  propertyPassScore: {
    unit: { zh: '分（百分制）', en: 'points out of 100' },
    basis: { zh: '模板缺省：百分制及格线', en: 'template default: the usual pass mark out of 100' },
    min: 0,
    max: 100,
    maxExclusive: false,
    integer: false,
  },
};

/** Every known setting in the order the templates' table lists them. */
export const bylawRules: readonly BylawRule[] = Object.values(bylawSettings).map((setting) => ({
  key: setting.key,
  zh: setting.zh,
  en: setting.en,
  defaultValue: setting.defaultValue,
  ...extras[setting.key],
}));

const rulesByKey = new Map<string, BylawRule>(bylawRules.map((rule) => [rule.key, rule]));

/** What a community set: only the keys it chose; the others take their default. */
export type BylawValues = Partial<Record<BylawSettingKey, number>>;
/** The `bylaw` variable a case sees: every key, the community's value or the default. */
export type EffectiveBylaw = Record<BylawSettingKey, number>;

function problem(key: string, message: string): ValidationProblem {
  return { elementId: null, elementType: 'bylaw', field: key, message };
}

function rangeText(rule: BylawRule): string {
  const show = (n: number) => String(Math.round(n * 10_000) / 10_000);
  return `${show(rule.min)}–${show(rule.max)}${rule.maxExclusive ? `（不含 ${show(rule.max)} / ${show(rule.max)} excluded）` : ''}`;
}

function problemOf(rule: BylawRule, value: unknown): ValidationProblem | null {
  const label = `规约参数 ${rule.key}（${rule.zh}）`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return problem(rule.key, `${label}须为数字 / bylaw setting ${rule.key} must be a number`);
  if (rule.integer && !Number.isInteger(value)) return problem(rule.key, `${label}须为整数（${rule.unit.zh}）/ bylaw setting ${rule.key} must be a whole number of ${rule.unit.en}`);
  const tooHigh = rule.maxExclusive ? value >= rule.max : value > rule.max;
  if (value < rule.min || tooHigh) {
    return problem(rule.key, `${label}须在 ${rangeText(rule)} 之间，收到 ${value} / bylaw setting ${rule.key} must be within ${rangeText(rule)}, got ${value}`);
  }
  return null;
}

/**
 * Checks what an administrator sent: a JSON object of known keys with numbers in range (null or
 * absent = the default). Every problem is named by its key; any problem refuses the whole
 * change (422).
 */
export function parseBylawValues(input: unknown): BylawValues {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new WorkflowValidationError([problem('settings', '规约参数须为对象 / settings must be an object')]);
  }
  const problems: ValidationProblem[] = [];
  const values: BylawValues = {};
  for (const [key, value] of Object.entries(input)) {
    const rule = rulesByKey.get(key);
    if (rule === undefined) {
      problems.push(problem(key, `未知的规约参数 ${key}；可设置：${bylawRules.map((r) => r.key).join('、')} / unknown bylaw setting ${key}`));
      continue;
    }
    if (value === null) continue;
    const found = problemOf(rule, value);
    if (found) problems.push(found);
    else values[rule.key] = value as number; // checked to be a finite number just above
  }
  if (problems.length === 0) {
    const merged = effectiveBylaw(values);
    if (merged.ordinaryApprovalRatio > merged.specialApprovalRatio) {
      problems.push(
        problem(
          'ordinaryApprovalRatio',
          `一般事项同意比例 ${merged.ordinaryApprovalRatio} 不得高于特别事项 ${merged.specialApprovalRatio} / ordinaryApprovalRatio may not exceed specialApprovalRatio`,
        ),
      );
    }
  }
  if (problems.length > 0) {
    const keys = [...new Set(problems.map((p) => p.field))].join('、');
    throw new WorkflowValidationError(problems, `规约参数有误：${keys} / bad bylaw settings: ${keys}`);
  }
  return values;
}

/**
 * Reads settings stored earlier, leniently: a key a later version no longer knows, or a value
 * now out of range, is left out (its default applies) rather than stopping every new case.
 */
export function storedBylawValues(json: string): BylawValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const values: BylawValues = {};
  for (const [key, value] of Object.entries(parsed)) {
    const rule = rulesByKey.get(key);
    if (rule !== undefined && problemOf(rule, value) === null) values[rule.key] = value as number; // a valid number, checked just now
  }
  return values;
}

/** The community's settings over the defaults: what the `bylaw` variable of a new case holds. */
export function effectiveBylaw(values: BylawValues): EffectiveBylaw {
  return Object.fromEntries(bylawRules.map((rule) => [rule.key, values[rule.key] ?? rule.defaultValue])) as EffectiveBylaw; // every key of the table
}
