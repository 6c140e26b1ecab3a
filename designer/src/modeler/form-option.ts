import type { FormField } from '../../../runtime/library/form-fields.js';

/** A form of the community as the simple panel offers it. */
export interface FormOption {
  readonly id: string;
  readonly name: string;
  readonly fields: readonly FormField[];
}
