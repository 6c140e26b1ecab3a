/**
 * Small helpers that write form-js JSON the way Camunda Modeler's form editor (form-js 1.x)
 * saves it: every input has an explicit `id` equal to its `key`, Chinese labels, validation.
 */
export type FormComponent = Record<string, unknown>;

interface Common {
  readonly required?: boolean;
  /** FEEL (with `=`) that hides the field; hidden fields are not submitted. */
  readonly hide?: string;
  readonly description?: string;
  readonly columns?: number;
  readonly readonly?: boolean;
  readonly defaultValue?: unknown;
}

function base(type: string, key: string, label: string, o: Common, validate: Record<string, unknown> = {}): FormComponent {
  const v = { ...(o.required ? { required: true } : {}), ...validate };
  return {
    label,
    type,
    layout: { row: '', columns: o.columns ?? null },
    id: key,
    key,
    ...(o.description ? { description: o.description } : {}),
    ...(o.defaultValue !== undefined ? { defaultValue: o.defaultValue } : {}),
    ...(o.readonly ? { readonly: true } : {}),
    ...(Object.keys(v).length > 0 ? { validate: v } : {}),
    ...(o.hide ? { conditional: { hide: o.hide } } : {}),
  };
}

export const textfield = (key: string, label: string, o: Common & { minLength?: number; maxLength?: number; pattern?: string } = {}) =>
  base('textfield', key, label, o, {
    ...(o.minLength !== undefined ? { minLength: o.minLength } : {}),
    ...(o.maxLength !== undefined ? { maxLength: o.maxLength } : {}),
    ...(o.pattern ? { pattern: o.pattern } : {}),
  });

export const textarea = (key: string, label: string, o: Common & { minLength?: number; maxLength?: number } = {}) =>
  base('textarea', key, label, o, {
    ...(o.minLength !== undefined ? { minLength: o.minLength } : {}),
    ...(o.maxLength !== undefined ? { maxLength: o.maxLength } : {}),
  });

export const number = (key: string, label: string, o: Common & { min?: number; max?: number; decimalDigits?: number } = {}) => ({
  ...base('number', key, label, o, { ...(o.min !== undefined ? { min: o.min } : {}), ...(o.max !== undefined ? { max: o.max } : {}) }),
  ...(o.decimalDigits !== undefined ? { decimalDigits: o.decimalDigits } : {}),
});

/** Options as `[value, 中文标签]` pairs: stable English values, Chinese labels. */
export type Options = readonly (readonly [string, string])[];
const values = (options: Options) => options.map(([value, label]) => ({ label, value }));

export const select = (key: string, label: string, options: Options, o: Common = {}) => ({ ...base('select', key, label, o), values: values(options) });
export const radio = (key: string, label: string, options: Options, o: Common = {}) => ({ ...base('radio', key, label, o), values: values(options) });
export const checklist = (key: string, label: string, options: Options, o: Common = {}) => ({ ...base('checklist', key, label, o), values: values(options) });
export const checkbox = (key: string, label: string, o: Common = {}) => base('checkbox', key, label, { defaultValue: false, ...o });
export const date = (key: string, label: string, o: Common = {}) => ({ ...base('datetime', key, label, o), subtype: 'date', dateLabel: label });
export const dateTime = (key: string, label: string, o: Common = {}) => ({ ...base('datetime', key, label, o), subtype: 'datetime', dateLabel: '日期', timeLabel: '时间', timeSerializingFormat: 'utc_offset', timeInterval: 15, use24h: true });
export const files = (key: string, label: string, o: Common & { accept?: string } = {}) => ({ ...base('filepicker', key, label, o), multiple: true, ...(o.accept ? { accept: o.accept } : {}) });
/** A read-only text block (markdown, may show variables with `{{name}}` templating). */
export const note = (id: string, text: string) => ({ text, type: 'text', layout: { row: '', columns: null }, id });

/** A repeating table (form-js dynamic list) stored under `path`. */
export const table = (path: string, label: string, components: readonly (FormComponent | FormComponent[])[], o: { hide?: string } = {}) => ({
  label,
  type: 'dynamiclist',
  layout: { row: '', columns: null },
  id: path,
  path,
  isRepeating: true,
  allowAddRemove: true,
  defaultRepetitions: 1,
  components: rowsFor(components, `${path}_Row`),
  showOutline: true,
  ...(o.hide ? { conditional: { hide: o.hide } } : {}),
});

/** Puts components side by side in one layout row. */
export function row(...components: FormComponent[]): FormComponent[] {
  const id = `Row_${String(components[0]?.['id'] ?? 'x')}`;
  return components.map((c) => ({ ...c, layout: { row: id, columns: (c['layout'] as { columns: number | null }).columns } }));
}

function rowsFor(components: readonly (FormComponent | FormComponent[])[], prefix: string): FormComponent[] {
  const flat: FormComponent[] = [];
  for (const item of components) {
    if (Array.isArray(item)) flat.push(...item);
    else flat.push(item);
  }
  return flat.map((c) => {
    const layout = c['layout'] as { row: string; columns: number | null };
    return layout.row === '' ? { ...c, layout: { row: `${prefix}_${String(c['id'])}`, columns: layout.columns } } : c;
  });
}

/** The whole form JSON, as form-js 1.x (schemaVersion 16) writes it. */
export function form(id: string, components: readonly (FormComponent | FormComponent[])[]): Record<string, unknown> {
  return {
    components: rowsFor(components, 'Row'),
    type: 'default',
    id,
    executionPlatform: 'Camunda Cloud',
    executionPlatformVersion: '8.6.0',
    exporter: { name: 'Camunda Modeler', version: '5.29.0' },
    schemaVersion: 16,
  };
}

/** A value the form computes (form-js `expression` field); the server recomputes it, never trusting the client. */
export const computed = (key: string, expression: string) => ({ type: 'expression', layout: { row: '', columns: null }, id: key, key, expression, computeOn: 'change' });
