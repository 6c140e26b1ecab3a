import { definitionsApi } from '../api/definitions-api.js';
import type { JsonObject } from '../api/types.js';

const zeebeNs = 'http://camunda.org/schema/zeebe/1.0';

/** The form id the process's (first) none start event links with `zeebe:formDefinition`. */
export function startFormIdOf(xml: string): string | null {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const start of Array.from(doc.getElementsByTagNameNS('*', 'startEvent'))) {
    if (start.parentElement?.localName !== 'process') continue;
    const definition = start.getElementsByTagNameNS(zeebeNs, 'formDefinition')[0];
    const formId = definition?.getAttribute('formId') ?? null;
    if (formId !== null && formId !== '') return formId;
  }
  return null;
}

export interface LoadedForm {
  readonly formId: string;
  readonly schema: JsonObject;
}

/** A deployed form-js form by its id (latest version). */
export async function loadForm(formId: string): Promise<LoadedForm> {
  const form = await definitionsApi.get('form', formId);
  // Deployed forms were validated as form-js JSON by the server.
  return { formId, schema: JSON.parse(form.content) as JsonObject };
}

/** The process's start form, or null when it has none. */
export async function loadStartForm(processKey: string): Promise<{ xml: string; form: LoadedForm | null }> {
  const definition = await definitionsApi.get('bpmn', processKey);
  const formId = startFormIdOf(definition.content);
  return { xml: definition.content, form: formId === null ? null : await loadForm(formId) };
}

/** The `{label, value}` options of a select/radio field with this key, if the form has one. */
export function fieldOptions(schema: JsonObject, key: string): { label: string; value: string }[] {
  const found: { label: string; value: string }[] = [];
  const visit = (components: unknown): void => {
    if (!Array.isArray(components)) return;
    for (const component of components) {
      if (typeof component !== 'object' || component === null) continue;
      const record = component as Record<string, unknown>;
      if (record.key === key && Array.isArray(record.values)) {
        for (const option of record.values) {
          const entry = option as Record<string, unknown>;
          if (typeof entry.label === 'string' && (typeof entry.value === 'string' || typeof entry.value === 'number')) {
            found.push({ label: entry.label, value: String(entry.value) });
          }
        }
      }
      visit(record.components);
    }
  };
  visit(schema.components);
  return found;
}
