import { apiRequest } from './http-client.js';
import type { DefinitionContent, DefinitionSummary, Page } from './types.js';

export const definitionsApi = {
  list: (kind: 'bpmn' | 'form') => apiRequest<Page<DefinitionSummary>>('/definitions', { query: { kind, limit: 200 } }),
  get: (kind: 'bpmn' | 'form', key: string, version?: number) =>
    apiRequest<DefinitionContent>(`/definitions/${kind}/${encodeURIComponent(key)}`, { query: { version } }),
};
