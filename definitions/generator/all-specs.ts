import type { ProcessSpec } from './bpmn-spec.js';
import { complaintForms } from './forms/complaint-forms.js';
import { complaint } from './specs/complaint.js';

/** Every template the generator writes, with the forms it uses. */
export const allSpecs: readonly { readonly spec: ProcessSpec; readonly forms: readonly Record<string, unknown>[] }[] = [
  { spec: complaint, forms: complaintForms },
];
