import { apiRequest } from './http-client.js';
import type { Attachment, CaseComment, HistoryEvent, InstanceDetail, JsonObject, NamedInstanceSummary, Page, Visibility } from './types.js';

export const instancesApi = {
  start: (processKey: string, variables: JsonObject, businessKey?: string) =>
    apiRequest<InstanceDetail>('/instances', { method: 'POST', body: { processKey, variables, ...(businessKey === undefined ? {} : { businessKey }) } }),
  list: (query: { processKey?: string; status?: string; startedBy?: string; limit?: number; cursor?: string }) =>
    apiRequest<Page<NamedInstanceSummary>>('/instances', { query }),
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

/** The largest page the server gives (`limit` 1–200 in runtime/schemas/common.ts). */
const historyPageSize = 200;

/** The whole history of a case (the instance detail carries only its first part), page by page along the cursor. */
export async function fullHistory(id: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const result: Page<HistoryEvent> = await apiRequest<Page<HistoryEvent>>(`/instances/${encodeURIComponent(id)}/history`, { query: { limit: historyPageSize, cursor } });
    events.push(...result.items);
    // A cursor seen before would loop for ever; the server never sends one, but stop if it did.
    if (result.nextCursor === null || seen.has(result.nextCursor)) break;
    seen.add(result.nextCursor);
    cursor = result.nextCursor;
  }
  return events;
}
