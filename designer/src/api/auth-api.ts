import { ApiError } from './api-error.js';
import { apiRequest } from './http-client.js';

export interface CommunityMembership {
  readonly id: string;
  readonly name: string | null;
  readonly roles: readonly string[];
}

/** The signed-in person as the app needs it, whatever envelope the server wraps it in. */
export interface SessionUser {
  readonly userId: string;
  readonly displayName: string;
  readonly communities: readonly CommunityMembership[];
  readonly community: string | null;
  readonly roles: readonly string[];
  readonly isSubDistrictAdmin: boolean;
  readonly mustChangePassword: boolean;
  readonly csrfToken: string | null;
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** Reads the answer of sign-in or `GET /api/auth/me`: the actor may sit at the top or under `actor`/`user`. */
export function parseSessionUser(body: unknown): SessionUser | null {
  const top = asRecord(body);
  if (top === null) return null;
  const actor = asRecord(top.actor) ?? asRecord(top.user) ?? top;
  const userId = asString(actor.userId) ?? asString(actor.id);
  if (userId === null) return null;
  const communities = (Array.isArray(actor.communities) ? actor.communities : []).flatMap((entry: unknown) => {
    const record = asRecord(entry);
    const id = record === null ? null : asString(record.id);
    if (record === null || id === null) return [];
    return [{ id, name: asString(record.name), roles: asStrings(record.roles) }];
  });
  return {
    userId,
    displayName: asString(actor.displayName) ?? userId,
    communities,
    community: asString(actor.community) ?? asString(top.community),
    roles: asStrings(actor.roles),
    isSubDistrictAdmin: actor.isSubDistrictAdmin === true,
    mustChangePassword: actor.mustChangePassword === true,
    csrfToken: asString(top.csrfToken) ?? asString(actor.csrfToken),
  };
}

export const authApi = {
  /** The current session, or null when nobody is signed in. */
  async me(): Promise<SessionUser | null> {
    try {
      const user = parseSessionUser(await apiRequest<unknown>('/auth/me'));
      return user;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 404)) return null;
      throw error;
    }
  },
  async login(username: string, password: string): Promise<SessionUser> {
    const user = parseSessionUser(await apiRequest<unknown>('/auth/login', { method: 'POST', body: { username, password } }));
    if (user === null) throw new ApiError(500, 'WF_BAD_ANSWER', '登录应答无法识别 / unexpected sign-in answer', {});
    return user;
  },
  async logout(): Promise<void> {
    await apiRequest<unknown>('/auth/logout', { method: 'POST' });
  },
  /** Makes `community` the session's working community (the header also carries it per request). */
  async switchCommunity(community: string): Promise<SessionUser | null> {
    return parseSessionUser(await apiRequest<unknown>('/auth/community', { method: 'POST', body: { community } }));
  },
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await apiRequest<unknown>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
  },
};
