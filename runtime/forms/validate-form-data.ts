import type { FeelEnv } from '../../engine/feel/expression.js';
import { MAX_PATTERN_INPUT } from '../../engine/feel/safe-pattern.js';
import type { JsonObject, JsonValue } from '../../engine/state/json.js';
import type { CompiledForm, FieldNode, FormNode } from './form-schema.js';

/** One field a submission got wrong, named so the person can fix it. */
export interface FormProblem {
  /** Path of the field, e.g. `amount`, `address.street`, `members[2].name`. */
  readonly field: string;
  readonly label: string | null;
  readonly message: string;
}

/** A submission that does not satisfy its form: 422 with every problem. */
export class FormValidationError extends Error {
  readonly code = 'WF_FORM_VALIDATION';
  readonly details: { readonly formId: string | null; readonly problems: readonly FormProblem[] };
  constructor(formId: string | null, readonly problems: readonly FormProblem[]) {
    super(
      `表单有 ${problems.length} 处需要修改：${problems.map((p) => p.label ?? p.field).join('、')} / ${problems.length} field(s) need attention: ${problems.map((p) => p.field).join(', ')}`,
    );
    this.name = 'FormValidationError';
    this.details = { formId, problems };
  }
}

export interface ValidateFormOptions {
  /** Variables the form was shown with (process variables): conditions and option lists may read them. */
  readonly context?: JsonObject;
  readonly env: FeelEnv;
}

/**
 * Checks submitted form data against a form-js form the way the browser should have, without
 * trusting that it did: required, type, min/max, length, pattern, email/phone, options, dates.
 * Fields hidden by their FEEL condition, disabled fields and read-only fields (which only show
 * data the process already has) are dropped, `expression` fields
 * are computed here, defaults fill missing values, and keys the form does not have are refused.
 * Returns the cleaned data; throws `FormValidationError` naming every bad field.
 */
export function validateFormData(form: CompiledForm, data: JsonObject, options: ValidateFormOptions): JsonObject {
  const problems: FormProblem[] = [];
  const context = options.context ?? {};
  const output: JsonObject = {};
  checkUnknownKeys(data, buildKnownTree(form.nodes), '', problems);
  const rootLookup = (name: string): unknown => (name in data ? data[name] : context[name]);
  walk(form.nodes, data, output, rootLookup, '', problems, options.env);
  if (problems.length > 0) throw new FormValidationError(form.id, problems);
  return output;
}

type Lookup = (name: string) => unknown;

function walk(nodes: readonly FormNode[], input: Record<string, unknown>, output: JsonObject, lookup: Lookup, prefix: string, problems: FormProblem[], env: FeelEnv): void {
  for (const node of nodes) {
    if (isHidden(node.hide, lookup, env)) continue;
    if (node.kind === 'group') {
      const inner = node.path.length === 0 ? input : asRecord(getPath(input, node.path));
      const innerOutput = node.path.length === 0 ? output : ensurePath(output, node.path);
      walk(node.children, inner, innerOutput, lookup, joinPath(prefix, node.path), problems, env);
      continue;
    }
    if (node.kind === 'list') {
      const listPath = joinPath(prefix, node.path);
      const items = getPath(input, node.path);
      if (items === undefined || items === null) continue;
      if (!Array.isArray(items)) {
        problems.push({ field: listPath, label: null, message: '应为列表 / must be a list' });
        continue;
      }
      const outItems: JsonValue[] = [];
      items.forEach((item, index) => {
        const itemInput = asRecord(item);
        const itemOutput: JsonObject = {};
        // Inside a list item, conditions see the item's own fields first, then the whole form.
        const itemLookup: Lookup = (name) => (name === 'this' ? itemInput : name in itemInput ? itemInput[name] : lookup(name));
        walk(node.children, itemInput, itemOutput, itemLookup, `${listPath}[${index}]`, problems, env);
        outItems.push(itemOutput);
      });
      setPath(output, node.path, outItems);
      continue;
    }
    if (node.kind !== 'field' || node.disabled || isReadonly(node.readonly, lookup, env)) continue;
    const field = joinPath(prefix, node.path);
    if (node.expression !== null) {
      setPath(output, node.path, evaluateSafely(node.expression, lookup, env) as JsonValue); // compiled FEEL returns JSON-safe values
      continue;
    }
    let value = getPath(input, node.path);
    if (value === undefined && node.defaultValue !== undefined) value = node.defaultValue;
    const problem = checkValue(node, value, lookup, env);
    if (problem !== null) {
      problems.push({ field, label: node.label, message: problem });
      continue;
    }
    if (value !== undefined) setPath(output, node.path, value as JsonValue); // checked above to be the field's JSON type
  }
}

/** Returns a message when the value breaks a rule of the field, null when it is fine. */
function checkValue(field: FieldNode, value: unknown, lookup: Lookup, env: FeelEnv): string | null {
  const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (field.type === 'checkbox' && value === false);
  if (empty) return field.required ? '必填 / required' : null;
  switch (field.type) {
    case 'textfield':
    case 'textarea':
      return checkText(field, value);
    case 'number':
      return checkNumber(field, value);
    case 'checkbox':
      return typeof value === 'boolean' ? null : '应为是/否 / must be true or false';
    case 'radio':
    case 'select':
      return checkOption(field, value, lookup, env);
    case 'checklist':
    case 'taglist': {
      if (!Array.isArray(value)) return '应为多选列表 / must be a list of options';
      for (const item of value) {
        const problem = checkOption(field, item, lookup, env);
        if (problem !== null) return problem;
      }
      return null;
    }
    case 'datetime':
      return checkDate(field, value);
    case 'filepicker':
      return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')) ? null : '应为文件引用 / must be a file reference';
    default:
      return null;
  }
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+?[0-9][0-9 ()-]{4,19}$/;

function checkText(field: FieldNode, value: unknown): string | null {
  if (typeof value !== 'string') return '应为文本 / must be text';
  const length = [...value].length;
  if (field.minLength !== null && length < field.minLength) return `至少 ${field.minLength} 个字 / at least ${field.minLength} characters`;
  if (field.maxLength !== null && length > field.maxLength) return `最多 ${field.maxLength} 个字 / at most ${field.maxLength} characters`;
  if (field.pattern !== null && value.length > MAX_PATTERN_INPUT) return `过长，无法按格式检查（最多 ${MAX_PATTERN_INPUT} 个字符）/ too long to check against its pattern (at most ${MAX_PATTERN_INPUT} characters)`;
  if (field.pattern !== null && !field.pattern.test(value)) return `格式不符合要求 / must match ${field.pattern.source}`;
  if (field.textRule === 'email' && !emailPattern.test(value)) return '不是有效的电子邮箱 / not a valid e-mail address';
  if (field.textRule === 'phone' && !phonePattern.test(value)) return '不是有效的电话号码 / not a valid phone number';
  return null;
}

function checkNumber(field: FieldNode, value: unknown): string | null {
  const number = typeof value === 'number' ? value : field.numberAsString && typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) return '应为数字 / must be a number';
  if (field.decimalDigits !== null && decimalsOf(number) > field.decimalDigits) {
    return field.decimalDigits === 0 ? '应为整数 / must be a whole number' : `最多 ${field.decimalDigits} 位小数 / at most ${field.decimalDigits} decimal digits`;
  }
  if (field.min !== null && number < field.min) return `不能小于 ${field.min} / must be at least ${field.min}`;
  if (field.max !== null && number > field.max) return `不能大于 ${field.max} / must be at most ${field.max}`;
  return null;
}

function decimalsOf(number: number): number {
  const [, fraction = ''] = String(number).split('.');
  return /e-(\d+)/.test(fraction) ? Number.POSITIVE_INFINITY : fraction.length;
}

function checkOption(field: FieldNode, value: unknown, lookup: Lookup, env: FeelEnv): string | null {
  if (value !== null && typeof value === 'object') return '应为选项值 / must be one of the options';
  const options = optionsOf(field, lookup, env);
  if (options === null) return null; // options come from data the server cannot see: type check only
  const wanted = JSON.stringify(value);
  return options.some((option) => JSON.stringify(option) === wanted) ? null : `不是可选项：${String(value)} / not one of the options: ${String(value)}`;
}

function optionsOf(field: FieldNode, lookup: Lookup, env: FeelEnv): readonly unknown[] | null {
  if (field.options !== null) return field.options;
  let source: unknown = null;
  if (field.optionsKey !== null) source = lookup(field.optionsKey);
  else if (field.optionsExpression !== null) source = evaluateSafely(field.optionsExpression, lookup, env);
  if (!Array.isArray(source)) return null;
  return source.map((entry) => (entry !== null && typeof entry === 'object' && 'value' in entry ? (entry as { value: unknown }).value : entry)); // `{ label, value }` option entries
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:?\d{2})?$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function checkDate(field: FieldNode, value: unknown): string | null {
  if (typeof value !== 'string') return '应为日期文本 / must be a date string';
  if (field.dateSubtype === 'time') return timePattern.test(value) ? null : '时间格式应为 HH:mm / time must be HH:mm';
  if (field.dateSubtype === 'datetime') {
    return dateTimePattern.test(value) && isRealDate(value.slice(0, 10)) ? null : '应为日期时间（YYYY-MM-DDTHH:mm）/ must be a date-time YYYY-MM-DDTHH:mm';
  }
  return isRealDate(value) ? null : '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD';
}

function isRealDate(text: string): boolean {
  const match = datePattern.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isReadonly(readonly: FieldNode['readonly'], lookup: Lookup, env: FeelEnv): boolean {
  return typeof readonly === 'boolean' ? readonly : evaluateSafely(readonly, lookup, env) === true;
}

function isHidden(condition: FieldNode['hide'], lookup: Lookup, env: FeelEnv): boolean {
  return condition !== null && evaluateSafely(condition, lookup, env) === true;
}

/** As in form-js, an expression that cannot be evaluated counts as null (shown, not computed). */
function evaluateSafely(expression: NonNullable<FieldNode['hide']>, lookup: Lookup, env: FeelEnv): unknown {
  try {
    return expression.evaluate(lookup, env);
  } catch {
    return null;
  }
}

// ───────────── unknown keys ─────────────

type KnownTree = Map<string, 'field' | { readonly kind: 'group' | 'list'; readonly tree: KnownTree }>;

function buildKnownTree(nodes: readonly FormNode[], tree: KnownTree = new Map()): KnownTree {
  for (const node of nodes) {
    if (node.kind === 'field') {
      const parent = descend(tree, node.path.slice(0, -1));
      const last = node.path[node.path.length - 1];
      if (last !== undefined) parent.set(last, 'field');
    } else if (node.kind === 'group') {
      buildKnownTree(node.children, descend(tree, node.path));
    } else {
      const parent = descend(tree, node.path.slice(0, -1));
      const last = node.path[node.path.length - 1];
      if (last !== undefined) parent.set(last, { kind: 'list', tree: buildKnownTree(node.children) });
    }
  }
  return tree;
}

function descend(tree: KnownTree, path: readonly string[]): KnownTree {
  let current = tree;
  for (const segment of path) {
    const entry = current.get(segment);
    if (entry !== undefined && entry !== 'field') {
      current = entry.tree;
      continue;
    }
    const next: KnownTree = new Map();
    current.set(segment, { kind: 'group', tree: next });
    current = next;
  }
  return current;
}

function checkUnknownKeys(input: Record<string, unknown>, tree: KnownTree, prefix: string, problems: FormProblem[]): void {
  for (const [key, value] of Object.entries(input)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const entry = tree.get(key);
    if (entry === undefined) {
      problems.push({ field: path, label: null, message: '表单中没有此字段 / not a field of this form' });
    } else if (entry !== 'field' && entry.kind === 'group' && isPlainObject(value)) {
      checkUnknownKeys(value, entry.tree, path, problems);
    } else if (entry !== 'field' && entry.kind === 'list' && Array.isArray(value)) {
      value.forEach((item, index) => {
        if (isPlainObject(item)) checkUnknownKeys(item, entry.tree, `${path}[${index}]`, problems);
      });
    }
  }
}

// ───────────── paths ─────────────

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

function getPath(input: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = input;
  for (const segment of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

function ensurePath(output: JsonObject, path: readonly string[]): JsonObject {
  let current = output;
  for (const segment of path) {
    const next = current[segment];
    if (next !== null && typeof next === 'object' && !Array.isArray(next)) {
      current = next;
    } else {
      const created: JsonObject = {};
      current[segment] = created;
      current = created;
    }
  }
  return current;
}

function setPath(output: JsonObject, path: readonly string[], value: JsonValue): void {
  const last = path[path.length - 1];
  if (last === undefined) return;
  ensurePath(output, path.slice(0, -1))[last] = value;
}

function joinPath(prefix: string, path: readonly string[]): string {
  const tail = path.join('.');
  if (prefix === '') return tail;
  return tail === '' ? prefix : `${prefix}.${tail}`;
}
