import { apiRequest } from './http-client.js';
import type { JsonObject } from './types.js';

/** The public intake page of one community (no sign-in). Shape per issue 5; read defensively. */
export interface IntakeInfo {
  readonly community: { readonly id: string; readonly name: string | null };
  readonly processKey: string | null;
  readonly formSchema: JsonObject | null;
}

export interface HumanChallenge {
  readonly id: string;
  readonly question: string;
}

export interface TrackResult {
  readonly status: string;
  readonly processName: string | null;
  readonly submittedAt: string | null;
  readonly updatedAt: string | null;
  readonly publicReplies: readonly { readonly body: string; readonly at: string | null }[];
  readonly steps: readonly { readonly name: string; readonly at: string | null }[];
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function parseIntake(body: unknown, community: string): IntakeInfo {
  const top = asRecord(body) ?? {};
  const communityRecord = asRecord(top.community);
  const form = asRecord(top.form);
  return {
    community: {
      id: asString(communityRecord?.id) ?? community,
      name: asString(communityRecord?.name) ?? asString(top.communityName),
    },
    processKey: asString(top.processKey),
    formSchema: asRecord(form?.schema) ?? asRecord(top.formSchema) ?? asRecord(top.schema) ?? form,
  };
}

export function parseChallenge(body: unknown): HumanChallenge | null {
  const top = asRecord(body);
  const id = asString(top?.id) ?? asString(top?.challengeId) ?? asString(top?.token);
  const question = asString(top?.question) ?? asString(top?.prompt);
  return id === null || question === null ? null : { id, question };
}

export function parseTrackingCode(body: unknown): string | null {
  const top = asRecord(body);
  return asString(top?.trackingCode) ?? asString(top?.code);
}

export function parseTrack(body: unknown): TrackResult {
  const top = asRecord(body) ?? {};
  const list = (value: unknown): Record<string, unknown>[] =>
    Array.isArray(value) ? value.map(asRecord).filter((item): item is Record<string, unknown> => item !== null) : [];
  const replies = list(top.publicReplies ?? top.replies).flatMap((entry) => {
    const text = asString(entry.body) ?? asString(entry.text);
    return text === null ? [] : [{ body: text, at: asString(entry.at) ?? asString(entry.createdAt) }];
  });
  const single = asString(top.publicReply) ?? asString(top.reply);
  if (single !== null && replies.length === 0) replies.push({ body: single, at: asString(top.repliedAt) });
  return {
    status: asString(top.status) ?? 'unknown',
    processName: asString(top.processName) ?? asString(top.title),
    submittedAt: asString(top.submittedAt) ?? asString(top.startedAt) ?? asString(top.createdAt),
    updatedAt: asString(top.updatedAt) ?? asString(top.endedAt),
    publicReplies: replies,
    steps: list(top.steps ?? top.timeline).flatMap((entry) => {
      const name = asString(entry.name) ?? asString(entry.label);
      return name === null ? [] : [{ name, at: asString(entry.at) }];
    }),
  };
}

export const publicApi = {
  intake: async (community: string) => parseIntake(await apiRequest<unknown>(`/public/communities/${encodeURIComponent(community)}/intake`), community),
  challenge: async () => parseChallenge(await apiRequest<unknown>('/public/challenge')),
  submit: async (community: string, variables: JsonObject, challenge: { id: string; answer: string } | null) =>
    parseTrackingCode(
      await apiRequest<unknown>(`/public/communities/${encodeURIComponent(community)}/intake`, {
        method: 'POST',
        body: { variables, ...(challenge === null ? {} : { challengeId: challenge.id, challengeAnswer: challenge.answer }) },
      }),
    ),
  track: async (code: string) => parseTrack(await apiRequest<unknown>('/public/track', { method: 'POST', body: { code } })),
};
