import { EntitySchema } from '@mikro-orm/core';

/** The inbox projection of a user task (the engine's state stays the truth). */
export interface UserTask {
  /** The engine's element instance id. */
  id: string;
  instanceId: string;
  community: string;
  processKey: string;
  definitionId: string;
  elementId: string;
  name: string | null;
  status: 'open' | 'completed' | 'cancelled';
  assignee: string | null;
  /** JSON arrays, for display; queries use `wf_task_candidate`. */
  candidateGroups: string;
  candidateUsers: string;
  dueAt: number | null;
  followUpAt: number | null;
  priority: number;
  formId: string | null;
  formKey: string | null;
  businessKey: string | null;
  /** JSON objects / arrays. */
  properties: string;
  warnings: string;
  createdAt: number;
  completedAt: number | null;
  completedBy: string | null;
  version: number;
}

export const userTaskSchema = new EntitySchema<UserTask>({
  name: 'UserTask',
  tableName: 'wf_user_task',
  properties: {
    id: { type: 'string', length: 32, primary: true },
    instanceId: { type: 'string', length: 32 },
    community: { type: 'string', length: 64 },
    processKey: { type: 'string', length: 255 },
    definitionId: { type: 'string', length: 32 },
    elementId: { type: 'string', length: 255 },
    name: { type: 'string', length: 255, nullable: true },
    status: { type: 'string', length: 16 },
    assignee: { type: 'string', length: 128, nullable: true },
    candidateGroups: { type: 'text' },
    candidateUsers: { type: 'text' },
    dueAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    followUpAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    priority: { type: 'integer' },
    formId: { type: 'string', length: 255, nullable: true },
    formKey: { type: 'string', length: 255, nullable: true },
    businessKey: { type: 'string', length: 255, nullable: true },
    properties: { type: 'text' },
    warnings: { type: 'text' },
    createdAt: { type: 'bigint', columnType: 'bigint' },
    completedAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    completedBy: { type: 'string', length: 128, nullable: true },
    version: { type: 'integer' },
  },
  indexes: [
    { name: 'wf_task_status_created_idx', properties: ['community', 'status', 'createdAt'] },
    { name: 'wf_task_assignee_idx', properties: ['community', 'assignee', 'status', 'createdAt'] },
    { name: 'wf_task_due_idx', properties: ['community', 'status', 'dueAt'] },
    { name: 'wf_task_completed_by_idx', properties: ['community', 'completedBy', 'completedAt'] },
    { name: 'wf_task_process_idx', properties: ['community', 'processKey', 'status'] },
    { name: 'wf_task_instance_idx', properties: ['instanceId'] },
  ],
});
