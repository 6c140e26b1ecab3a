import { EntitySchema } from '@mikro-orm/core';

/** A case stuck at an element until an operator fixes the cause and retries. */
export interface Incident {
  id: string;
  community: string;
  instanceId: string;
  processKey: string;
  elementId: string;
  elementInstanceId: string;
  kind: string;
  message: string;
  status: 'open' | 'resolved';
  jobKey: string | null;
  createdAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
}

export const incidentSchema = new EntitySchema<Incident>({
  name: 'Incident',
  tableName: 'wf_incident',
  properties: {
    id: { type: 'string', length: 32, primary: true },
    community: { type: 'string', length: 64 },
    instanceId: { type: 'string', length: 32 },
    processKey: { type: 'string', length: 255 },
    elementId: { type: 'string', length: 255 },
    elementInstanceId: { type: 'string', length: 32 },
    kind: { type: 'string', length: 64 },
    message: { type: 'text' },
    status: { type: 'string', length: 16 },
    jobKey: { type: 'string', length: 64, nullable: true },
    createdAt: { type: 'bigint', columnType: 'bigint' },
    resolvedAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    resolvedBy: { type: 'string', length: 128, nullable: true },
  },
  indexes: [
    { name: 'wf_incident_status_idx', properties: ['community', 'status', 'createdAt'] },
    { name: 'wf_incident_instance_idx', properties: ['instanceId'] },
  ],
});
