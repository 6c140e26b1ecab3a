import { EntitySchema } from '@mikro-orm/core';

/**
 * A unit of work the job executor or an external worker carries out: a service job (key = the
 * waiting element instance id) or a timer. Rows leave the table when done.
 */
export interface Job {
  id: string;
  community: string;
  instanceId: string;
  definitionId: string;
  processKey: string;
  /** `service` (a worker job, built-in connectors included) or `timer`. */
  kind: 'service' | 'timer';
  /** Job type (worker topic), or `timer`. */
  type: string;
  elementId: string;
  elementInstanceId: string;
  /** `active` (waiting for a worker / due time) or `incident` (out of retries). */
  status: 'active' | 'incident';
  retries: number;
  /** Not available before this time (epoch ms): timer due time or retry back-off. */
  dueAt: number;
  lockOwner: string | null;
  /** A lock held past this time is void; another worker may take the job. */
  lockExpiresAt: number | null;
  /** JSON: task headers (service) or timer payload. */
  payload: string;
  errorMessage: string | null;
  createdAt: number;
}

export const jobSchema = new EntitySchema<Job>({
  name: 'Job',
  tableName: 'wf_job',
  properties: {
    id: { type: 'string', length: 64, primary: true },
    community: { type: 'string', length: 64 },
    instanceId: { type: 'string', length: 32 },
    definitionId: { type: 'string', length: 32 },
    processKey: { type: 'string', length: 255 },
    kind: { type: 'string', length: 16 },
    type: { type: 'string', length: 255 },
    elementId: { type: 'string', length: 255 },
    elementInstanceId: { type: 'string', length: 32 },
    status: { type: 'string', length: 16 },
    retries: { type: 'integer' },
    dueAt: { type: 'bigint', columnType: 'bigint' },
    lockOwner: { type: 'string', length: 128, nullable: true },
    lockExpiresAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    payload: { type: 'text' },
    errorMessage: { type: 'text', nullable: true },
    createdAt: { type: 'bigint', columnType: 'bigint' },
  },
  indexes: [
    { name: 'wf_job_acquire_idx', properties: ['community', 'type', 'status', 'dueAt'] },
    { name: 'wf_job_due_idx', properties: ['status', 'kind', 'dueAt'] },
    { name: 'wf_job_instance_idx', properties: ['instanceId'] },
  ],
});
