import { apiRequest, type QueryValue } from './http-client.js';
import type { CompleteResult, JsonObject, Page, Task, TaskDetail, TaskForm } from './types.js';

export interface TaskQuery {
  status?: 'open' | 'completed' | 'cancelled' | 'all';
  assignee?: string;
  candidate?: 'me';
  overdue?: boolean;
  completedBy?: string;
  processKey?: string;
  instanceId?: string;
  dueBefore?: string;
  dueAfter?: string;
  /** `name:op:value` filters on process variables (building, category…). */
  var?: string[];
  sort?: string;
  limit?: number;
  cursor?: string;
}

export const tasksApi = {
  list: (query: TaskQuery) => apiRequest<Page<Task>>('/tasks', { query: query as Record<string, QueryValue> }),
  get: (id: string) => apiRequest<TaskDetail>(`/tasks/${encodeURIComponent(id)}`),
  form: (id: string) => apiRequest<TaskForm>(`/tasks/${encodeURIComponent(id)}/form`),
  claim: (id: string) => apiRequest<Task>(`/tasks/${encodeURIComponent(id)}/claim`, { method: 'POST' }),
  unclaim: (id: string) => apiRequest<Task>(`/tasks/${encodeURIComponent(id)}/unclaim`, { method: 'POST' }),
  assign: (id: string, assignee: string | null, reason: string) =>
    apiRequest<Task>(`/tasks/${encodeURIComponent(id)}/assign`, { method: 'POST', body: { assignee, reason } }),
  complete: (id: string, variables: JsonObject, expectedVersion: number) =>
    apiRequest<CompleteResult>(`/tasks/${encodeURIComponent(id)}/complete`, { method: 'POST', body: { variables, expectedVersion } }),
};
