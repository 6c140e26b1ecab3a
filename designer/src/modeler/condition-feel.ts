import type { FormField } from '../../../runtime/library/form-fields.js';

export type ConditionOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'empty' | 'notEmpty' | 'contains';

export const operatorSymbols: Readonly<Record<ConditionOperator, string>> = {
  eq: '=',
  ne: '!=',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
  empty: '= null',
  notEmpty: '!= null',
  contains: 'contains',
};

/** What the condition builder holds for one branch. */
export interface ConditionParts {
  readonly field: string;
  readonly operator: ConditionOperator;
  readonly value: string;
}

const numeric = new Set(['number']);
const boolean = new Set(['checkbox']);

function literal(field: FormField | undefined, value: string): string {
  if (field !== undefined && boolean.has(field.type)) return value === 'false' ? 'false' : 'true';
  if (field !== undefined && numeric.has(field.type) && value.trim() !== '' && Number.isFinite(Number(value))) return String(Number(value));
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The FEEL text for field / operator / value, quoting the value by the field's type. */
export function conditionFeel(parts: ConditionParts, fields: readonly FormField[]): string {
  const field = fields.find((candidate) => candidate.key === parts.field);
  if (parts.operator === 'empty') return `=${parts.field} = null`;
  if (parts.operator === 'notEmpty') return `=${parts.field} != null`;
  if (parts.operator === 'contains') return `=contains(${parts.field}, ${literal(undefined, parts.value)})`;
  return `=${parts.field} ${operatorSymbols[parts.operator]} ${literal(field, parts.value)}`;
}

/** Reads a condition the builder wrote back into its parts; null for hand-written FEEL. */
export function parseCondition(expression: string): ConditionParts | null {
  const text = expression.trim();
  let match = /^=\s*([A-Za-z_][\w]*)\s*(=|!=)\s*null$/.exec(text);
  if (match) return { field: match[1] ?? '', operator: match[2] === '=' ? 'empty' : 'notEmpty', value: '' };
  match = /^=\s*contains\(\s*([A-Za-z_][\w]*)\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)$/.exec(text);
  if (match) return { field: match[1] ?? '', operator: 'contains', value: (match[2] ?? '').replace(/\\(.)/g, '$1') };
  match = /^=\s*([A-Za-z_][\w]*)\s*(!=|>=|<=|=|>|<)\s*(?:"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?)|(true|false))$/.exec(text);
  if (!match) return null;
  const symbol = match[2] ?? '=';
  const operator = (Object.keys(operatorSymbols) as ConditionOperator[]).find((key) => operatorSymbols[key] === symbol) ?? 'eq';
  return { field: match[1] ?? '', operator, value: match[3]?.replace(/\\(.)/g, '$1') ?? match[4] ?? match[5] ?? '' };
}
