import { reactive, shallowRef } from 'vue';
import { tasksApi } from '../api/tasks-api.js';
import type { JsonObject, Task } from '../api/types.js';
import { loadStartForm } from '../utils/start-form.js';

/** A case-data column of the inbox, taken from the process's start form. */
export interface VariableColumn {
  readonly key: string;
  readonly label: string;
  /** Option labels of a select/radio field, by value. */
  readonly options: Readonly<Record<string, string>>;
}

const columnTypes = new Set(['select', 'radio', 'number']);
const maxColumns = 3;

/** The first few choice and number fields of a start form: building, unit, category and the like (never names or phones). */
export function columnsOf(schema: JsonObject | null): VariableColumn[] {
  const columns: VariableColumn[] = [];
  const visit = (components: unknown): void => {
    if (!Array.isArray(components)) return;
    for (const component of components) {
      if (columns.length >= maxColumns || typeof component !== 'object' || component === null) continue;
      const field = component as Record<string, unknown>;
      visit(field.components);
      if (typeof field.key !== 'string' || typeof field.type !== 'string' || !columnTypes.has(field.type) || field.key === 'channel') continue;
      const options: Record<string, string> = {};
      if (Array.isArray(field.values)) {
        for (const option of field.values as { label?: unknown; value?: unknown }[]) {
          if (typeof option.label === 'string' && (typeof option.value === 'string' || typeof option.value === 'number')) options[String(option.value)] = option.label;
        }
      }
      if (columns.length < maxColumns) columns.push({ key: field.key, label: typeof field.label === 'string' ? field.label : field.key, options });
    }
  };
  visit(schema?.components);
  return columns;
}

export function cellText(column: VariableColumn, variables: JsonObject | undefined): string {
  const value = variables?.[column.key];
  if (value === undefined || value === null || value === '') return '—';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return column.options[text] ?? text;
}

/**
 * Case data for the inbox rows. The task list carries no variables, so each shown task's
 * variables are read once (a handful of small requests per page) and kept.
 */
export function useTaskColumns() {
  const columnsByProcess = reactive<Record<string, VariableColumn[]>>({});
  const variables = shallowRef<Record<string, JsonObject>>({});
  const loadingForms = new Set<string>();

  async function ensureColumns(processKey: string): Promise<void> {
    if (processKey in columnsByProcess || loadingForms.has(processKey)) return;
    loadingForms.add(processKey);
    try {
      const { form } = await loadStartForm(processKey);
      columnsByProcess[processKey] = columnsOf(form?.schema ?? null);
    } catch {
      columnsByProcess[processKey] = [];
    }
  }

  async function load(tasks: readonly Task[]): Promise<void> {
    await Promise.all([...new Set(tasks.map((task) => task.processKey))].map(ensureColumns));
    const missing = tasks.filter((task) => !(task.id in variables.value));
    const found: Record<string, JsonObject> = {};
    // At most six at a time: browsers queue more per host anyway.
    for (let start = 0; start < missing.length; start += 6) {
      await Promise.all(
        missing.slice(start, start + 6).map(async (task) => {
          try {
            found[task.id] = (await tasksApi.get(task.id)).variables;
          } catch {
            found[task.id] = {};
          }
        }),
      );
    }
    if (Object.keys(found).length > 0) variables.value = { ...variables.value, ...found };
  }

  /** "12 · 3 · 设施报修": the row's case data in one line, for phone cards. */
  function summary(task: Task): string {
    const columns = columnsByProcess[task.processKey] ?? [];
    const values = task.id in variables.value ? variables.value[task.id] : undefined;
    if (values === undefined) return '';
    return columns
      .map((column) => cellText(column, values))
      .filter((text) => text !== '—')
      .join(' · ');
  }

  return { columnsByProcess, variables, load, summary };
}
