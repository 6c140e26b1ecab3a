/** Pure helpers shared by the server's form guard and the designer's lint and condition builder. */

/** A form field as conditions can use it. */
export interface FormField {
  readonly key: string;
  readonly label: string;
  readonly type: string;
  /** Choices of a select / radio / checklist, when fixed in the form. */
  readonly options: readonly { readonly label: string; readonly value: string }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every field with a `key` in a form-js schema, nested groups included, in form order. */
export function formFields(schema: unknown): FormField[] {
  const fields: FormField[] = [];
  const visit = (node: unknown): void => {
    if (!isRecord(node)) return;
    if (typeof node.key === 'string' && node.key !== '') {
      const values = Array.isArray(node.values) ? node.values : [];
      fields.push({
        key: node.key,
        label: typeof node.label === 'string' ? node.label : node.key,
        type: typeof node.type === 'string' ? node.type : 'textfield',
        options: values.filter(isRecord).map((option) => ({ label: String(option.label ?? option.value ?? ''), value: String(option.value ?? '') })),
      });
    }
    if (Array.isArray(node.components)) node.components.forEach(visit);
  };
  visit(schema);
  return fields;
}

const feelWords = new Set([
  'and', 'or', 'not', 'true', 'false', 'null', 'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every',
  'satisfies', 'instance', 'of', 'between', 'function', 'external',
]);

/**
 * The variable names a FEEL expression reads (first segment of a path; function names and
 * words of the language left out). A heuristic for lint and the form guard, not a FEEL parser.
 */
export function feelVariableNames(expression: string): string[] {
  const text = expression.replace(/^\s*=/, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const names = new Set<string>();
  const pattern = /(\.?)\b([A-Za-z_\u4e00-\u9fa5][\w\u4e00-\u9fa5]*)\b(\s*\()?/g;
  for (const match of text.matchAll(pattern)) {
    const [, dot, name, call] = match;
    if (name === undefined || dot === '.' || call !== undefined || feelWords.has(name)) continue;
    if (/^\d/.test(name)) continue;
    names.add(name);
  }
  return [...names];
}

/** Form ids a process links (`zeebe:formDefinition formId="…"`). */
export function linkedFormIds(xml: string): string[] {
  return [...new Set([...xml.matchAll(/formDefinition\b[^>]*\bformId="([^"]+)"/g)].map((match) => match[1] ?? ''))].filter((id) => id !== '');
}

/** The text of every sequence-flow condition in a process. */
export function conditionExpressions(xml: string): string[] {
  const decode = (text: string): string =>
    text.replace(/&#34;|&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');
  return [...xml.matchAll(/<(?:[\w-]+:)?conditionExpression\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?conditionExpression>/g)].map((match) =>
    decode((match[1] ?? '').replace(/^<!\[CDATA\[|\]\]>$/g, '')),
  );
}

/** A field key that cannot be used: not a FEEL-friendly name, or used twice in one form. */
export interface FieldKeyProblem {
  readonly key: string;
  readonly label: string;
  readonly problem: 'invalid' | 'duplicate';
}

/** Keys are variable names in conditions and mappings: letters, digits, `_`, not starting with a digit. */
export const fieldKeyPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every invalid or repeated key of a form-js schema. */
export function fieldKeyProblems(schema: unknown): FieldKeyProblem[] {
  const problems: FieldKeyProblem[] = [];
  const seen = new Set<string>();
  for (const field of formFields(schema)) {
    if (!fieldKeyPattern.test(field.key)) problems.push({ key: field.key, label: field.label, problem: 'invalid' });
    else if (seen.has(field.key)) problems.push({ key: field.key, label: field.label, problem: 'duplicate' });
    seen.add(field.key);
  }
  return problems;
}
