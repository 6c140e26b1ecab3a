import type { FormField } from '../../runtime/library/form-fields.js';

/**
 * The fields of the community's forms by form id, set by the modeler page once it has loaded
 * them. Lint rules run synchronously inside bpmn-js, so they read this instead of fetching.
 */
const fieldsByForm = new Map<string, readonly FormField[]>();

export function setKnownFormFields(forms: ReadonlyMap<string, readonly FormField[]>): void {
  fieldsByForm.clear();
  for (const [id, fields] of forms) fieldsByForm.set(id, fields);
}

/** null when the form is not known (not loaded, or not deployed in this community). */
export function knownFormFields(formId: string): readonly FormField[] | null {
  return fieldsByForm.get(formId) ?? null;
}
