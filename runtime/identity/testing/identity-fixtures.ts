import type { FastifyInstance } from 'fastify';
import type { IdentityService } from '../identity-service.js';
import { hashPassword } from '../password-hasher.js';
import { sessionCookieName } from '../cookies.js';

export const testPassword = 'correct horse battery';

/** A user with a known password (no one-time password to change) and roles in communities. */
export async function givenUser(
  identity: IdentityService,
  input: { id: string; roles?: Readonly<Record<string, readonly string[]>>; subDistrictAdmin?: boolean; password?: string },
): Promise<void> {
  const passwordHash = await hashPassword(input.password ?? testPassword);
  await identity.db.transaction(async (tx) => {
    await identity.users.create({ id: input.id, displayName: input.id, passwordHash, isSubDistrictAdmin: input.subDistrictAdmin ?? false, mustChangePassword: false }, tx);
    for (const [community, roles] of Object.entries(input.roles ?? {})) {
      await identity.users.setRoles({ userId: input.id, community, roles, grantedBy: 'test' }, tx);
    }
  });
}

export async function givenCommunity(identity: IdentityService, id: string, name = id): Promise<void> {
  await identity.communities.ensureSubDistrict('dongminglu', '东明路街道');
  if ((await identity.communities.find(id)) === undefined) await identity.communities.create({ id, name, subDistrictId: 'dongminglu' });
}

/** Headers of a signed-in browser: the session cookie and the CSRF token. */
export interface BrowserSession {
  readonly cookie: string;
  readonly csrf: string;
  /** Both, for state-changing requests. */
  readonly headers: Record<string, string>;
}

/** The session cookie value from a `set-cookie` answer header. */
export function sessionFrom(setCookie: string | string[] | number | undefined): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : typeof setCookie === 'string' ? [setCookie] : [];
  for (const line of all) {
    const match = new RegExp(`^${sessionCookieName}=([^;]*)`).exec(line);
    if (match) return match[1];
  }
  return undefined;
}

export async function signIn(app: FastifyInstance, username: string, password = testPassword): Promise<BrowserSession> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  const id = sessionFrom(response.headers['set-cookie']);
  const csrf = (response.json() as { csrfToken: string }).csrfToken;
  const cookie = `${sessionCookieName}=${id ?? ''}`;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}
