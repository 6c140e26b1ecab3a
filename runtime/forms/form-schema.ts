import type { ValidationProblem } from '../../engine/errors.js';
import { compileFeel } from '../../engine/feel/compile.js';
import type { CompiledExpression } from '../../engine/feel/expression.js';
import { unsafePatternMessage } from '../../engine/feel/safe-pattern.js';
import type { JsonValue } from '../../engine/state/json.js';

/**
 * A form-js schema read once into the parts the server checks submissions against: input
 * fields (with their key path and rules), groups and dynamic lists, FEEL conditions compiled.
 */
export interface CompiledForm {
  readonly id: string | null;
  readonly nodes: readonly FormNode[];
}

export type FormNode = FieldNode | ContainerNode;

export type TextRule = 'email' | 'phone' | null;
export type DateSubtype = 'date' | 'time' | 'datetime';

export interface FieldNode {
  readonly kind: 'field';
  readonly id: string;
  /** form-js component type: textfield, number, select, checklist, datetime, expression, … */
  readonly type: string;
  /** Key path inside its container (form-js keys may be dotted: `address.street`). */
  readonly path: readonly string[];
  readonly label: string | null;
  readonly hide: CompiledExpression | null;
  readonly disabled: boolean;
  /** `readonly`: true, or a FEEL condition; such a field shows data, the client cannot change it. */
  readonly readonly: boolean | CompiledExpression;
  readonly required: boolean;
  readonly minLength: number | null;
  readonly maxLength: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly pattern: RegExp | null;
  readonly textRule: TextRule;
  readonly dateSubtype: DateSubtype;
  readonly numberAsString: boolean;
  /** Most digits after the decimal point a number may have (form-js `decimalDigits`). */
  readonly decimalDigits: number | null;
  readonly defaultValue: JsonValue | undefined;
  /** Static options (`values`), or where to read them (`valuesKey`, `valuesExpression`). */
  readonly options: readonly JsonValue[] | null;
  readonly optionsKey: string | null;
  readonly optionsExpression: CompiledExpression | null;
  /** `expression` fields: computed by the server, never taken from the client. */
  readonly expression: CompiledExpression | null;
}

export interface ContainerNode {
  /** `group` nests its children under `path` (possibly empty); `list` is a repeating dynamic list. */
  readonly kind: 'group' | 'list';
  readonly id: string;
  readonly path: readonly string[];
  readonly hide: CompiledExpression | null;
  readonly children: readonly FormNode[];
}

/** Component types that hold a value under `key`. */
const inputTypes = new Set(['textfield', 'textarea', 'number', 'datetime', 'checkbox', 'checklist', 'radio', 'select', 'taglist', 'filepicker', 'expression']);
const optionTypes = new Set(['checklist', 'radio', 'select', 'taglist']);

/** The form could not be read: every problem, phrased for the person who designed it. */
export class FormSchemaError extends Error {
  readonly code = 'WF_VALIDATION';
  readonly details: { readonly problems: readonly ValidationProblem[] };
  constructor(readonly problems: readonly ValidationProblem[]) {
    super(`表单定义有 ${problems.length} 个问题 / ${problems.length} problem(s) in the form definition`);
    this.name = 'FormSchemaError';
    this.details = { problems };
  }
}

/**
 * Checks a form-js JSON text and returns it in one canonical spelling (compact JSON), so the
 * same form deployed as pretty text, compact text or a JSON object gets the same content hash
 * and does not create a new version. Throws `FormSchemaError` for non-JSON or a broken form.
 */
export function canonicalFormDefinition(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FormSchemaError([{ elementId: null, elementType: null, message: '表单定义不是有效的 JSON / the form definition is not valid JSON' }]);
  }
  compileFormSchema(parsed);
  return JSON.stringify(parsed);
}

/** Reads a form-js schema (parsed JSON); throws `FormSchemaError` listing every problem. */
export function compileFormSchema(schema: unknown): CompiledForm {
  const problems: ValidationProblem[] = [];
  if (!isRecord(schema) || !Array.isArray(schema['components'])) {
    throw new FormSchemaError([{ elementId: null, elementType: null, field: 'components', message: '不是 form-js 表单（缺少 components）/ not a form-js schema: components missing' }]);
  }
  const report = (component: Record<string, unknown> | null, field: string, message: string): void => {
    problems.push({
      elementId: component ? stringOr(component['id'], null) : null,
      elementType: component ? `form-js:${stringOr(component['type'], '?')}` : null,
      field,
      message,
    });
  };
  const nodes = readComponents(schema['components'], report, new Set());
  if (problems.length > 0) throw new FormSchemaError(problems);
  return { id: stringOr(schema['id'], null), nodes };
}

type Report = (component: Record<string, unknown> | null, field: string, message: string) => void;

function readComponents(list: unknown[], report: Report, seenKeys: Set<string>): FormNode[] {
  const nodes: FormNode[] = [];
  for (const raw of list) {
    if (!isRecord(raw)) {
      report(null, 'components', '组件必须是对象 / a component must be an object');
      continue;
    }
    const type = stringOr(raw['type'], '');
    const id = stringOr(raw['id'], stringOr(raw['key'], type));
    const hide = readCondition(raw, report);
    if (type === 'group' || type === 'dynamiclist') {
      const children = Array.isArray(raw['components']) ? raw['components'] : [];
      const path = splitPath(stringOr(raw['path'], ''));
      if (type === 'dynamiclist' && path.length === 0) report(raw, 'path', '动态列表必须有路径 / a dynamic list needs a path');
      // Keys inside a list are per item: they may repeat keys used outside it.
      const childKeys = type === 'dynamiclist' ? new Set<string>() : seenKeys;
      nodes.push({ kind: type === 'group' ? 'group' : 'list', id, path, hide, children: readComponents(children, report, childKeys) });
      continue;
    }
    if (!inputTypes.has(type)) continue; // text, html, image, spacer, separator, button, iframe, table: no value
    const key = stringOr(raw['key'], '');
    if (key === '' || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(key)) {
      report(raw, 'key', `字段键无效："${key}" / invalid field key "${key}"`);
      continue;
    }
    if (seenKeys.has(key)) report(raw, 'key', `字段键重复：${key} / duplicate field key ${key}`);
    seenKeys.add(key);
    nodes.push(readField(raw, type, id, key, hide, report));
  }
  return nodes;
}

function readField(raw: Record<string, unknown>, type: string, id: string, key: string, hide: CompiledExpression | null, report: Report): FieldNode {
  const validate = isRecord(raw['validate']) ? raw['validate'] : {};
  let pattern: RegExp | null = null;
  const patternText = stringOr(validate['pattern'], '');
  if (patternText !== '') {
    const unsafe = unsafePatternMessage(patternText);
    if (unsafe !== null) report(raw, 'validate.pattern', unsafe);
    else {
      try {
        pattern = new RegExp(patternText, 'u');
      } catch {
        report(raw, 'validate.pattern', `正则表达式无效：${patternText} / invalid pattern ${patternText}`);
      }
    }
  }
  const validationType = stringOr(validate['validationType'], '');
  const values = Array.isArray(raw['values']) ? raw['values'] : null;
  const options = values ? values.map((entry) => (isRecord(entry) && 'value' in entry ? toJson(entry['value']) : toJson(entry))) : null;
  const subtype = stringOr(raw['subtype'], 'date');
  return {
    kind: 'field',
    id,
    type,
    path: splitPath(key),
    label: stringOr(raw['label'], null),
    hide,
    disabled: raw['disabled'] === true,
    readonly: typeof raw['readonly'] === 'string' ? (readFeel(raw, 'readonly', report) ?? false) : raw['readonly'] === true,
    required: validate['required'] === true,
    minLength: numberOr(validate['minLength']),
    maxLength: numberOr(validate['maxLength']),
    min: numberOr(validate['min']),
    max: numberOr(validate['max']),
    pattern,
    textRule: validationType === 'email' || validationType === 'phone' ? validationType : null,
    dateSubtype: subtype === 'time' || subtype === 'datetime' ? subtype : 'date',
    numberAsString: raw['serializeToString'] === true,
    decimalDigits: numberOr(raw['decimalDigits']),
    defaultValue: 'defaultValue' in raw ? toJson(raw['defaultValue']) : undefined,
    options: optionTypes.has(type) ? options : null,
    optionsKey: optionTypes.has(type) ? stringOr(raw['valuesKey'], null) : null,
    optionsExpression: optionTypes.has(type) ? readFeel(raw, 'valuesExpression', report) : null,
    expression: type === 'expression' ? readFeel(raw, 'expression', report) : null,
  };
}

function readCondition(raw: Record<string, unknown>, report: Report): CompiledExpression | null {
  const conditional = raw['conditional'];
  if (!isRecord(conditional)) return null;
  return readFeel(conditional, 'hide', report, raw, 'conditional.hide');
}

function readFeel(holder: Record<string, unknown>, name: string, report: Report, component = holder, field = name): CompiledExpression | null {
  const text = stringOr(holder[name], '').trim();
  if (text === '') return null;
  try {
    return compileFeel(text.startsWith('=') ? text.slice(1) : text);
  } catch (error) {
    report(component, field, error instanceof Error ? error.message : String(error));
    return null;
  }
}

function splitPath(text: string): string[] {
  return text === '' ? [] : text.split('.');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOr<T extends string | null>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}

function numberOr(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function toJson(value: unknown): JsonValue {
  // form definitions are parsed JSON text, so every value already is JSON
  return value as JsonValue;
}
