import { EntitySchema } from '@mikro-orm/core';

/**
 * Searchable copy of a top-level scalar process variable (string ≤ 200 chars, number, boolean),
 * so task and instance queries can filter by variable values with an index.
 */
export interface InstanceVariable {
  instanceId: string;
  name: string;
  community: string;
  /** Strings and booleans (`true`/`false`); null for numbers. */
  textValue: string | null;
  numValue: number | null;
}

export const instanceVariableSchema = new EntitySchema<InstanceVariable>({
  name: 'InstanceVariable',
  tableName: 'wf_instance_variable',
  properties: {
    instanceId: { type: 'string', length: 32, primary: true },
    name: { type: 'string', length: 128, primary: true },
    community: { type: 'string', length: 64 },
    textValue: { type: 'string', length: 200, nullable: true },
    numValue: { type: 'double', nullable: true },
  },
  indexes: [
    { name: 'wf_variable_text_idx', properties: ['community', 'name', 'textValue'] },
    { name: 'wf_variable_num_idx', properties: ['community', 'name', 'numValue'] },
  ],
});
