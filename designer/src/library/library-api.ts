import { apiRequest } from '../api/http-client.js';
import type { InstanceSummary, Page } from '../api/types.js';

export interface VersionRow {
  readonly version: number;
  readonly deployedBy: string;
  /** Who published it, by name (null for an id without an account). */
  readonly deployedByName: string | null;
  readonly deployedAt: string;
  readonly running: number;
  readonly completed: number;
  readonly terminated: number;
  readonly incidents: number;
}

export interface ProcessRow {
  readonly key: string;
  readonly name: string | null;
  readonly latestVersion: number | null;
  readonly versions: readonly VersionRow[];
  readonly template: { readonly key: string; readonly name: string; readonly updateAvailable: boolean } | null;
  readonly draft: DraftStamp | null;
}

export interface TemplateSummary {
  readonly key: string;
  readonly name: string;
  readonly hash: string;
}

export interface DraftStamp {
  readonly updatedBy: string;
  /** Who saved it, by name (null for an id without an account). */
  readonly updatedByName: string | null;
  readonly updatedAt: string;
}

export interface Editable {
  readonly key: string;
  readonly content: string;
  readonly source: 'draft' | 'published';
  readonly publishedVersion: number | null;
  /** Sent back with the next save or publish; the server refuses (409) when someone changed the record since. */
  readonly revision: number;
  readonly draft: DraftStamp | null;
}

export interface DiffElement {
  readonly id: string;
  readonly type: string;
  readonly name: string | null;
}

export interface TemplateUpdate {
  readonly templateKey: string;
  readonly templateName: string;
  readonly current: string;
  readonly template: string;
  readonly diff: { readonly added: readonly DiffElement[]; readonly removed: readonly DiffElement[]; readonly changed: readonly DiffElement[] };
}

export interface DeployAnswer {
  readonly definitions: readonly { readonly key: string; readonly version: number }[];
  readonly unchanged: boolean;
}

export interface Overview {
  readonly processKey: string;
  readonly version: number | null;
  readonly counts: { readonly running: number; readonly completed: number; readonly terminated: number; readonly incidents: number };
  readonly elements: readonly { readonly elementId: string; readonly active: number; readonly incidents: number }[];
  readonly sampled: boolean;
}

export interface InstancePath {
  readonly completedElements: readonly string[];
  readonly takenFlows: readonly string[];
  readonly activeElements: readonly string[];
  readonly incidentElements: readonly string[];
}

export interface MonitorFilter {
  readonly version?: number;
  readonly status?: 'active' | 'completed' | 'terminated';
  readonly businessKey?: string;
  readonly startedAfter?: string;
  readonly startedBefore?: string;
  readonly variableName?: string;
  readonly variableValue?: string;
}

export type LibraryKind = 'processes' | 'forms';

/** The process library, form library and monitor routes of `runtime/library`. */
export const libraryApi = {
  templates: () => apiRequest<TemplateSummary[]>('/library/templates'),
  template: (key: string) => apiRequest<TemplateSummary & { xml: string }>(`/library/templates/${encodeURIComponent(key)}`),
  processes: () => apiRequest<ProcessRow[]>('/library/processes'),
  fromTemplate: (templateKey: string) => apiRequest<Editable>('/library/processes/from-template', { method: 'POST', body: { templateKey } }),
  editable: (kind: LibraryKind, key: string) => apiRequest<Editable>(`/library/${kind}/${encodeURIComponent(key)}/editable`),
  saveDraft: (kind: LibraryKind, key: string, content: string, revision?: number) =>
    apiRequest<DraftStamp & { revision: number }>(`/library/${kind}/${encodeURIComponent(key)}/draft`, { method: 'PUT', body: { content, revision } }),
  discardDraft: (kind: LibraryKind, key: string) => apiRequest<null>(`/library/${kind}/${encodeURIComponent(key)}/draft`, { method: 'DELETE' }),
  publish: (kind: LibraryKind, key: string, content: string, revision?: number) =>
    apiRequest<DeployAnswer>(`/library/${kind}/${encodeURIComponent(key)}/publish`, { method: 'POST', body: { content, revision } }),
  templateUpdate: (key: string) => apiRequest<TemplateUpdate>(`/library/processes/${encodeURIComponent(key)}/template-update`),
  adoptTemplate: (key: string) => apiRequest<Editable>(`/library/processes/${encodeURIComponent(key)}/adopt-template`, { method: 'POST' }),
  overview: (key: string, version?: number) => apiRequest<Overview>(`/library/monitor/${encodeURIComponent(key)}`, { query: { version } }),
  instances: (key: string, filter: MonitorFilter) =>
    apiRequest<{ items: MonitorInstance[] }>(`/library/monitor/${encodeURIComponent(key)}/instances`, { query: { ...filter } }),
  path: (instanceId: string) => apiRequest<InstancePath>(`/library/instances/${encodeURIComponent(instanceId)}/path`),
};

export interface RoleOption {
  readonly key: string;
  readonly name: string;
}

export interface MemberOption {
  readonly id: string;
  readonly displayName: string;
  readonly roles: readonly string[];
}

/** The community's roles and members for the simple panel (members only for admins; empty otherwise). */
export const communityApi = {
  roles: () => apiRequest<RoleOption[]>('/roles'),
  members: async (): Promise<MemberOption[]> => {
    try {
      return await apiRequest<MemberOption[]>('/users');
    } catch {
      return [];
    }
  },
};

/** A case in the monitor list, with who started it by name (null for an id without an account). */
export interface MonitorInstance extends InstanceSummary {
  readonly startedByName: string | null;
}

/** A person as pages show them: the name, else the id. */
export function personName(id: string, name: string | null | undefined): string {
  return name ?? id;
}

export type { InstanceSummary, Page };
