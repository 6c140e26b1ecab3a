import { apiRequest, buildQuery, requestContext, type QueryValue } from '../api/http-client.js';

export type CaseDimension = 'community' | 'process' | 'category' | 'building' | 'handler' | 'month';
export type ChartKind = 'cases' | 'evaluations' | 'patrols' | 'steps';

export interface CaseMeasures {
  readonly group: string | null;
  readonly cases: number;
  readonly closed: number;
  readonly cancelled: number;
  readonly responseMeasured: number;
  readonly respondedInTime: number;
  readonly responseRate: number | null;
  readonly solved: number;
  readonly resolutionRate: number | null;
  readonly rated: number;
  readonly satisfied: number;
  readonly satisfactionRate: number | null;
  readonly overdue: number;
  readonly avgWorkingDaysToClose: number | null;
}

export interface EvaluationScores {
  readonly community: string;
  readonly year: number | null;
  readonly respondents: number | null;
  readonly scores: Readonly<Record<'security' | 'cleaning' | 'greening' | 'facilities' | 'service', number | null>>;
  readonly overall: number | null;
  readonly conclusion: string | null;
  readonly closedAt: string | null;
}

export interface PatrolCount {
  readonly month: string;
  readonly reporterRole: string | null;
  readonly reports: number;
  readonly urgent: number;
  readonly closed: number;
}

export interface StepWaiting {
  readonly elementId: string;
  readonly name: string | null;
  readonly completed: number;
  readonly avgWaitMs: number | null;
  readonly open: number;
  readonly avgOpenAgeMs: number | null;
  readonly late: number;
}

export interface BoardCase {
  readonly processKey: string;
  readonly category: string | null;
  readonly building: string | null;
  readonly status: 'handling' | 'closed' | 'cancelled';
  readonly publicReply: string | null;
  readonly receivedAt: string;
  readonly closedAt: string | null;
}

export interface PublicBoard {
  readonly community: string;
  readonly communityName: string | null;
  readonly cases: readonly BoardCase[];
  readonly monthly: readonly CaseMeasures[];
  readonly evaluations: readonly EvaluationScores[];
  readonly votes: readonly {
    readonly topic: string | null;
    readonly passed: boolean | null;
    readonly text: string | null;
    readonly participationAreaRatio: number | null;
    readonly participationOwnerRatio: number | null;
    readonly approvalAreaRatio: number | null;
    readonly approvalOwnerRatio: number | null;
    readonly announcedAt: string | null;
  }[];
}

/** Period and scope shared by every statistics call (dates YYYY-MM-DD, Shanghai). */
export interface StatsScope {
  readonly from?: string;
  readonly to?: string;
  readonly communities?: string;
}

function scopeQuery(scope: StatsScope): Record<string, QueryValue> {
  return { from: scope.from, to: scope.to, communities: scope.communities };
}

/** The statistics API (`/api/stats`, staff) and the public board (`/api/public/board`). */
export const statsApi = {
  cases: (scope: StatsScope, dimension: CaseDimension, processKey?: string) =>
    apiRequest<CaseMeasures[]>('/stats/cases', { query: { ...scopeQuery(scope), dimension, processKey } }),
  evaluations: (scope: StatsScope) => apiRequest<EvaluationScores[]>('/stats/evaluations', { query: scopeQuery(scope) }),
  patrols: (scope: StatsScope) => apiRequest<PatrolCount[]>('/stats/patrols', { query: scopeQuery(scope) }),
  steps: (scope: StatsScope, processKey: string) => apiRequest<StepWaiting[]>('/stats/steps', { query: { ...scopeQuery(scope), processKey } }),
  board: (community: string) => apiRequest<PublicBoard>(`/public/board/${encodeURIComponent(community)}`),
  /** Where a chart's data downloads as CSV or XLSX (same session cookie; dev headers cannot ride on a link). */
  exportUrl: (scope: StatsScope, chart: ChartKind, format: 'csv' | 'xlsx', extra: Record<string, QueryValue> = {}) =>
    `/api/stats/export${buildQuery({ ...scopeQuery(scope), chart, format, ...extra })}`,
  /** The monthly report's HTML, fetched with the request context so the preview can show it. */
  async reportHtml(community: string, month: string): Promise<string> {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (requestContext.community !== null) headers['x-community'] = requestContext.community;
    if (requestContext.devIdentity !== null) {
      headers['x-user'] = requestContext.devIdentity.userId;
      headers['x-groups'] = requestContext.devIdentity.groups.join(',');
    }
    const response = await fetch(`/api/stats/report/${encodeURIComponent(community)}${buildQuery({ month })}`, { headers, credentials: 'same-origin' });
    if (!response.ok) throw new Error(`report ${response.status}`);
    return response.text();
  },
};
