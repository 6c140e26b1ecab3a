import { apiRequest } from './http-client.js';
import type { Attachment, CaseComment, HistoryEvent, InstanceDetail, InstanceSummary, JsonObject, Page, Visibility } from './types.js';

export const instancesApi = {
  start: (processKey: string, variables: JsonObject, businessKey?: string) =>
    apiRequest<InstanceDetail>('/instances', { method: 'POST', body: { processKey, variables, ...(businessKey === undefined ? {} : { businessKey }) } }),
  list: (query: { processKey?: string; status?: string; startedBy?: string; limit?: number; cursor?: string }) =>
    apiRequest<Page<InstanceSummary>>('/instances', { query }),
  get: (id: string) => apiRequest<InstanceDetail>(`/instances/${encodeURIComponent(id)}`),
  cancel: (id: string, reason: string) => apiRequest<unknown>(`/instances/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: { reason } }),
  updateVariables: (id: string, variables: JsonObject, reason: string) =>
    apiRequest<unknown>(`/instances/${encodeURIComponent(id)}/variables`, { method: 'PATCH', body: { variables, reason } }),
  comments: (id: string) => apiRequest<Page<CaseComment>>(`/instances/${encodeURIComponent(id)}/comments`, { query: { limit: 200 } }),
  addComment: (id: string, body: string, visibility: Visibility, taskId?: string) =>
    apiRequest<CaseComment>(`/instances/${encodeURIComponent(id)}/comments`, {
      method: 'POST',
      body: { body, visibility, ...(taskId === undefined ? {} : { taskId }) },
    }),
  attachments: (id: string) => apiRequest<Page<Attachment>>(`/instances/${encodeURIComponent(id)}/attachments`, { query: { limit: 200 } }),
  upload: (id: string, file: File, visibility: Visibility, taskId?: string) => {
    const form = new FormData();
    form.append('visibility', visibility);
    if (taskId !== undefined) form.append('taskId', taskId);
    form.append('file', file);
    return apiRequest<Attachment>(`/instances/${encodeURIComponent(id)}/attachments`, { method: 'POST', form });
  },
};

export function attachmentUrl(id: string): string {
  return `/api/attachments/${encodeURIComponent(id)}/content`;
}

/** The whole history of a case (the instance detail carries only its first part). */
export async function fullHistory(id: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const result: Page<HistoryEvent> = await apiRequest<Page<HistoryEvent>>(`/instances/${encodeURIComponent(id)}/history`, { query: { limit: 500, cursor } });
    events.push(...result.items);
    if (result.nextCursor === null) break;
    cursor = result.nextCursor;
  }
  return events;
}
