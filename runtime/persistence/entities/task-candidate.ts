import { EntitySchema } from '@mikro-orm/core';

/** One candidate group or user of a task, so "claimable by my groups" is an index lookup. */
export interface TaskCandidate {
  taskId: string;
  /** `g` group (role key) or `u` user. */
  kind: 'g' | 'u';
  value: string;
  community: string;
}

export const taskCandidateSchema = new EntitySchema<TaskCandidate>({
  name: 'TaskCandidate',
  tableName: 'wf_task_candidate',
  properties: {
    taskId: { type: 'string', length: 32, primary: true },
    kind: { type: 'string', length: 1, primary: true },
    value: { type: 'string', length: 128, primary: true },
    community: { type: 'string', length: 64 },
  },
  indexes: [{ name: 'wf_task_candidate_lookup_idx', properties: ['community', 'kind', 'value', 'taskId'] }],
});
