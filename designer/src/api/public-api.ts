import { apiRequest } from './http-client.js';
import type { JsonObject } from './types.js';

/** One thing residents may submit in a community (a process whose `startableBy` lists `public`). */
export interface IntakeProcess {
  readonly key: string;
  readonly name: string | null;
  readonly formId: string | null;
  readonly form: JsonObject | null;
}

export interface IntakePage {
  readonly community: { readonly id: string; readonly name: string };
  readonly processes: readonly IntakeProcess[];
}

export interface HumanChallenge {
  readonly challengeId: string;
  readonly question: string;
  readonly expiresAt: string;
}

export interface IntakeResult {
  readonly trackingCode: string;
  readonly submittedAt: string;
}

export type TrackStatus = 'in-progress' | 'completed' | 'closed';

export interface TrackResult {
  readonly processName: string | null;
  readonly status: TrackStatus;
  readonly statusText: string;
  readonly submittedAt: string;
  readonly endedAt: string | null;
  readonly replies: readonly { readonly body: string; readonly at: string }[];
}

/** The residents' side of the API: no sign-in, a human check, tracking codes. */
export const publicApi = {
  intake: (community: string) => apiRequest<IntakePage>(`/public/communities/${encodeURIComponent(community)}/intake`),
  challenge: () => apiRequest<HumanChallenge>('/public/challenge'),
  submit: (community: string, body: { processKey: string; variables: JsonObject; challengeId: string; answer: string }) =>
    apiRequest<IntakeResult>(`/public/communities/${encodeURIComponent(community)}/intake`, { method: 'POST', body }),
  track: (code: string) => apiRequest<TrackResult>('/public/track', { method: 'POST', body: { code } }),
};
