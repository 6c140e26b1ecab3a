import { EntitySchema } from '@mikro-orm/core';

/** A running or finished case: the engine's state JSON plus the columns the API queries. */
export interface ProcessInstance {
  id: string;
  community: string;
  definitionId: string;
  processKey: string;
  definitionVersion: number;
  status: 'active' | 'completed' | 'terminated';
  businessKey: string | null;
  /** `InstanceState` as JSON text (documented, versioned by `schemaVersion`). */
  state: string;
  /** Optimistic-locking version: every command bumps it; an update expecting an old one fails. */
  version: number;
  startedBy: string;
  startedAt: number;
  endedAt: number | null;
  openIncidents: number;
}

export const processInstanceSchema = new EntitySchema<ProcessInstance>({
  name: 'ProcessInstance',
  tableName: 'wf_process_instance',
  properties: {
    id: { type: 'string', length: 32, primary: true },
    community: { type: 'string', length: 64 },
    definitionId: { type: 'string', length: 32 },
    processKey: { type: 'string', length: 255 },
    definitionVersion: { type: 'integer' },
    status: { type: 'string', length: 16 },
    businessKey: { type: 'string', length: 255, nullable: true },
    state: { type: 'text' },
    version: { type: 'integer' },
    startedBy: { type: 'string', length: 128 },
    startedAt: { type: 'bigint', columnType: 'bigint' },
    endedAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    openIncidents: { type: 'integer' },
  },
  indexes: [
    { name: 'wf_instance_status_idx', properties: ['community', 'status', 'startedAt'] },
    { name: 'wf_instance_process_idx', properties: ['community', 'processKey', 'startedAt'] },
    { name: 'wf_instance_business_key_idx', properties: ['community', 'businessKey'] },
    { name: 'wf_instance_ended_idx', properties: ['status', 'endedAt'] },
    { name: 'wf_instance_retention_idx', properties: ['community', 'processKey', 'endedAt'] },
  ],
});
