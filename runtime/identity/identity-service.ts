import type { SqlDatabase } from '../persistence/sql-database.js';
import type { Actor } from './actor.js';
import { AuditLog } from './audit-log.js';
import { CommunityStore } from './community-store.js';
import { identityErrors } from './identity-errors.js';
import { HumanCheck } from './human-check.js';
import { LiveSockets } from './live-sockets.js';
import { LoginThrottle, type ThrottleLimits } from './login-throttle.js';
import { decoyHash, hashPassword, passwordRules, verifyPassword } from './password-hasher.js';
import { builtInRoleKeys, communityAdminRole, subDistrictRole } from './roles.js';
import { readableCode } from './secrets.js';
import { SessionStore, type SessionRecord } from './session-store.js';
import { RateLimiter } from './rate-limiter.js';
import { TokenStore } from './token-store.js';
import { TrackingCodes } from './tracking-codes.js';
import { UserStore, type CommunityRoles, type UserRecord } from './user-store.js';

export interface IdentityServiceOptions {
  readonly db: SqlDatabase;
  /** Clock (epoch ms); tests move it. */
  readonly now?: () => number;
  /** How long a session lives after sign-in (default 12 hours). */
  readonly sessionLifetimeMs?: number;
  readonly throttle?: ThrottleLimits;
  /** Public intake submissions per address per hour (default 5). */
  readonly intakePerHour?: number;
  /** Tracking-code lookups per address per minute (default 10). */
  readonly trackingPerMinute?: number;
}

export interface LoginResult {
  /** The cookie value; stored only as a hash. */
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
  readonly actor: Actor;
}

const twelveHours = 12 * 3_600_000;

/**
 * Sign-in, sessions, tokens, users, roles and communities over the shared database. Route
 * handlers and the identity plugin call it; it knows nothing of HTTP beyond its error values.
 */
export class IdentityService {
  readonly users: UserStore;
  readonly communities: CommunityStore;
  readonly sessions: SessionStore;
  /** Open websockets of this node, closed when their session ends. */
  readonly liveSockets: LiveSockets;
  readonly tokens: TokenStore;
  readonly audit: AuditLog;
  readonly throttle: LoginThrottle;
  readonly humanCheck: HumanCheck;
  readonly trackingCodes: TrackingCodes;
  /** Per-address limits of the public pages (in memory, per node). */
  readonly intakeLimiter: RateLimiter;
  readonly challengeLimiter: RateLimiter;
  readonly trackingLimiter: RateLimiter;
  readonly now: () => number;
  readonly db: SqlDatabase;
  private readonly sessionLifetimeMs: number;

  constructor(options: IdentityServiceOptions) {
    this.db = options.db;
    this.now = options.now ?? Date.now;
    this.sessionLifetimeMs = options.sessionLifetimeMs ?? twelveHours;
    this.users = new UserStore(this.db, this.now);
    this.communities = new CommunityStore(this.db, this.now);
    const liveSockets = new LiveSockets(this.now);
    this.liveSockets = liveSockets;
    this.sessions = new SessionStore(this.db, this.now, (ended) => {
      if ('sessionHash' in ended) liveSockets.sessionEnded(ended.sessionHash);
      else liveSockets.userSignedOut(ended.userId, ended.exceptSessionHash);
    });
    this.tokens = new TokenStore(this.db, this.now);
    this.audit = new AuditLog(this.db, this.now);
    this.throttle = new LoginThrottle(this.db, this.now, options.throttle);
    this.humanCheck = new HumanCheck(this.db, this.now);
    this.trackingCodes = new TrackingCodes(this.db, this.now);
    this.intakeLimiter = new RateLimiter(options.intakePerHour ?? 5, 3_600_000, this.now);
    this.challengeLimiter = new RateLimiter(60, 3_600_000, this.now);
    this.trackingLimiter = new RateLimiter(options.trackingPerMinute ?? 10, 60_000, this.now);
  }

  /**
   * Checks the password (constant time; an unknown name costs the same as a wrong password),
   * counts the attempt, and opens a new session. Locked accounts and addresses are refused
   * before the password is even looked at.
   */
  async login(input: { username: string; password: string; address: string }): Promise<LoginResult> {
    const account = input.username.trim().toLowerCase();
    const before = await this.throttle.check(account, input.address);
    if (before.locked) throw identityErrors.locked(before.by, before.retryAfterMs);
    const user = await this.users.find(account);
    const matches = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
    const ok = matches && user !== undefined && user.disabledAt === null;
    await this.throttle.record(account, input.address, ok);
    if (!ok || user === undefined) {
      const after = await this.throttle.check(account, input.address);
      if (after.locked) throw identityErrors.locked(after.by, after.retryAfterMs);
      throw identityErrors.loginFailed();
    }
    const communities = await this.users.communitiesOf(user.id);
    const first = communities[0]?.id ?? (user.isSubDistrictAdmin ? ((await this.communities.list())[0]?.id ?? null) : null);
    const session = await this.sessions.create({ userId: user.id, community: first, address: input.address, lifetimeMs: this.sessionLifetimeMs });
    const actor = await this.userActor(user, communities, first);
    return { sessionId: session.id, csrfToken: session.csrfToken, expiresAt: session.expiresAt, actor };
  }

  /** The actor of a live session, acting in `requested` (a header) or the session's community. */
  async sessionActor(sessionId: string, requested: string | null): Promise<{ actor: Actor; session: SessionRecord } | undefined> {
    const session = await this.sessions.findLive(sessionId);
    if (session === undefined) return undefined;
    const user = await this.users.find(session.userId);
    if (user === undefined || user.disabledAt !== null) return undefined;
    const communities = await this.users.communitiesOf(user.id);
    const actor = await this.userActor(user, communities, requested ?? session.community, requested !== null);
    return { actor, session };
  }

  /** The actor of a bearer token; a token acts only in its own community. */
  async tokenActor(bearer: string, requested: string | null): Promise<Actor> {
    const token = await this.tokens.verify(bearer);
    if (token === undefined) throw identityErrors.badToken();
    if (requested !== null && requested !== token.community) throw identityErrors.notMember(requested);
    return {
      kind: 'token',
      userId: `token:${token.id}`,
      displayName: token.name,
      communities: [{ id: token.community, name: (await this.communities.find(token.community))?.name ?? null, roles: [] }],
      isSubDistrictAdmin: false,
      community: token.community,
      roles: [],
      tokenScope: token.scope,
      mustChangePassword: false,
    };
  }

  /**
   * Builds a user's actor acting in `wanted`: a community they hold a role in (a sub-district
   * admin: any existing community, as `admin`). An explicit request for another community is
   * refused; a stale session choice falls back to the first membership.
   */
  private async userActor(user: UserRecord, communities: readonly CommunityRoles[], wanted: string | null, explicit = false): Promise<Actor> {
    let community: string | null = null;
    let roles: readonly string[] = [];
    const held = communities.find((entry) => entry.id === wanted);
    if (held !== undefined) {
      community = held.id;
      roles = held.roles;
    } else if (wanted !== null && user.isSubDistrictAdmin && (await this.communities.find(wanted)) !== undefined) {
      community = wanted;
    } else if (explicit && wanted !== null) {
      throw identityErrors.notMember(wanted);
    } else if (communities[0] !== undefined) {
      community = communities[0].id;
      roles = communities[0].roles;
    }
    // `street` is the sub-district's alone: dropped from any community's grant, held by its admins
    roles = roles.filter((role) => role !== subDistrictRole);
    if (user.isSubDistrictAdmin && community !== null) roles = [...roles, ...(roles.includes(communityAdminRole) ? [] : [communityAdminRole]), subDistrictRole];
    return {
      kind: 'user',
      userId: user.id,
      displayName: user.displayName,
      communities,
      isSubDistrictAdmin: user.isSubDistrictAdmin,
      community,
      roles,
      tokenScope: null,
      mustChangePassword: user.mustChangePassword,
    };
  }

  /** Replaces the password after checking the current one; other sessions of the user end. */
  async changePassword(input: { userId: string; currentPassword: string; newPassword: string; keepSessionHash: string | null }): Promise<void> {
    const user = await this.users.find(input.userId);
    if (user === undefined || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
      throw identityErrors.wrongPassword();
    }
    checkPasswordRules(input.newPassword);
    if (input.newPassword === input.currentPassword) throw identityErrors.invalid('/newPassword', '新密码不能与旧密码相同 / the new password must differ from the old one');
    await this.users.setPassword(user.id, await hashPassword(input.newPassword), false);
    await this.sessions.revokeAllOf(user.id, input.keepSessionHash);
  }

  /** A one-time password people can type: 16 readable characters (~78 bits), from crypto randomness. */
  static oneTimePassword(): string {
    return readableCode(16);
  }

  /** Creates a user with a one-time password (returned once) and roles in one community. */
  async createUser(input: { id: string; displayName: string; community: string; roles: readonly string[]; createdBy: string; isSubDistrictAdmin?: boolean }): Promise<{ oneTimePassword: string }> {
    const id = input.id.trim().toLowerCase();
    if ((await this.users.find(id)) !== undefined) throw identityErrors.conflict(`用户 ${id} 已存在 / user ${id} already exists`);
    await this.assertRolesExist(input.community, input.roles);
    const oneTimePassword = IdentityService.oneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    await this.db.transaction(async (tx) => {
      await this.users.create({ id, displayName: input.displayName, passwordHash, mustChangePassword: true, isSubDistrictAdmin: input.isSubDistrictAdmin ?? false }, tx);
      if (input.roles.length > 0) await this.users.setRoles({ userId: id, community: input.community, roles: input.roles, grantedBy: input.createdBy }, tx);
    });
    return { oneTimePassword };
  }

  /** Gives a user a new one-time password and ends their sessions. */
  async resetPassword(userId: string): Promise<{ oneTimePassword: string }> {
    const oneTimePassword = IdentityService.oneTimePassword();
    await this.users.setPassword(userId, await hashPassword(oneTimePassword), true);
    await this.sessions.revokeAllOf(userId);
    return { oneTimePassword };
  }

  /** Every role key usable in a community: built-in plus its own. */
  async roleKeys(community: string): Promise<Set<string>> {
    const custom = await this.communities.customRoles(community);
    return new Set([...builtInRoleKeys, ...custom.map((role) => role.key).filter((key) => key !== subDistrictRole)]);
  }

  async assertRolesExist(community: string, roles: readonly string[]): Promise<void> {
    const known = await this.roleKeys(community);
    const unknown = roles.filter((role) => !known.has(role));
    if (unknown.length > 0) throw identityErrors.invalid('/roles', `未知角色 ${unknown.join(', ')} / unknown role(s) ${unknown.join(', ')}`);
  }
}

export function checkPasswordRules(password: string): void {
  if (password.length < passwordRules.minLength || password.length > passwordRules.maxLength) {
    throw identityErrors.invalid('/newPassword', `密码长度须为 ${passwordRules.minLength}–${passwordRules.maxLength} 个字符 / a password has ${passwordRules.minLength}–${passwordRules.maxLength} characters`);
  }
}
