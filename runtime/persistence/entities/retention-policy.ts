import { EntitySchema } from '@mikro-orm/core';

/** How long a community keeps finished cases of a process before they are archived to a file and removed. */
export interface RetentionPolicy {
  community: string;
  processKey: string;
  /** Days after a case ended (completed or terminated). */
  retainDays: number;
  updatedBy: string;
  updatedAt: number;
}

export const retentionPolicySchema = new EntitySchema<RetentionPolicy>({
  name: 'RetentionPolicy',
  tableName: 'wf_retention_policy',
  properties: {
    community: { type: 'string', length: 64, primary: true },
    processKey: { type: 'string', length: 255, primary: true },
    retainDays: { type: 'integer' },
    updatedBy: { type: 'string', length: 128 },
    updatedAt: { type: 'bigint', columnType: 'bigint' },
  },
});
