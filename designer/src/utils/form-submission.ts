import type { JsonObject } from '../api/types.js';

/** What form-js's `submit()` gives back: data, field errors by field id, and picked files by key. */
export interface FormSubmission {
  readonly data: JsonObject;
  readonly errors: Record<string, unknown>;
  readonly files: Map<string, File[]>;
}

/** The handle a page holds on a FormViewer. */
export interface FormViewerHandle {
  submit(): FormSubmission | null;
  showServerProblems(problems: readonly { field: string; label: string | null; message: string }[]): { field: string; label: string | null; message: string }[];
}

export const filePrefix = 'files::';

/** Field keys whose value is a form-js file reference (`files::…`). */
export function fileFieldKeys(data: JsonObject): string[] {
  return Object.entries(data)
    .filter(([, value]) => typeof value === 'string' && value.startsWith(filePrefix))
    .map(([key]) => key);
}
