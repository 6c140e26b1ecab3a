import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Identity } from '../plugins/identity.js';
import { accessAllows } from './access.js';
import { anonymousActor, auditName, type Actor } from './actor.js';
import { clearedSessionCookie, readCookie, sessionCookieName } from './cookies.js';
import { identityErrors } from './identity-errors.js';
import type { IdentityService } from './identity-service.js';
import type { SocketWatch } from './live-sockets.js';
import type { JsonObject } from '../services/workflow-service.js';
import { needsPolicy, policyKey, routePolicies, type RoutePolicy } from './route-policies.js';
import { constantTimeEqual } from './secrets.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Sign-in, users, roles, tokens, audit (the identity plugin). */
    identityService: IdentityService;
    /** Every API route registered after the identity plugin, for the authorisation matrix. */
    identityRoutes: { readonly method: string; readonly url: string }[];
  }
  interface FastifyRequest {
    actor: Actor;
    /** Set when the request came with a live session cookie (the raw id, for logout and rotation). */
    sessionId: string | null;
    /**
     * On an authenticated websocket upgrade: registers the socket so that it closes when the
     * session or token ends (sign-out, password change or reset, role change, expiry). Null otherwise.
     */
    watchSocket: ((close: (code: number, reason: string) => void) => SocketWatch) | null;
  }
}

export interface IdentityPluginOptions {
  readonly service: IdentityService;
  /** The table of route rules (default `routePolicies`); tests pass their own. */
  readonly policies?: Readonly<Record<string, RoutePolicy>>;
  /** How often every open websocket's session is read again (default one minute): revocations on other nodes, expiry. */
  readonly socketRecheckMs?: number;
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The one header that carries a request's community choice (a user may hold roles in several). */
function requestedCommunity(request: FastifyRequest): string | null {
  const value = request.headers['x-community'];
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text === undefined || text === '' ? null : text;
}

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? '';
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * Refuses cross-site writes (and WebSocket upgrades) by their `Origin` / `Sec-Fetch-Site`:
 * browsers set these and pages cannot forge them.
 */
function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    // URL drops default ports on both sides, so `http://host:80` and `host` compare equal.
    const ownHost = hostOf(`${request.protocol}://${request.host}`);
    if (origin === 'null' || ownHost === null || hostOf(origin) !== ownHost) throw identityErrors.crossOrigin();
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') throw identityErrors.crossOrigin();
}

/**
 * Identity for every request: reads the bearer token or the session cookie, decides the
 * community the request acts in, enforces CSRF on cookie-authenticated writes, checks the
 * route's access rule (before the body is parsed) and its resource check (after validation),
 * and writes the audit row of admin actions. Decorates `request.actor` and, for the runtime's
 * routes, `request.identity` ({ userId, community, groups }).
 *
 * CSRF: a synchroniser token. Each session has its own random token, returned by sign-in and
 * `GET /api/auth/me`; every state-changing request authenticated by the cookie must echo it
 * in `x-csrf-token`. On top, writes whose `Origin` is another site are refused, and the
 * cookie is SameSite=Lax. Token-authenticated calls carry no ambient credential and need none.
 */
async function identityPlugin(app: FastifyInstance, options: IdentityPluginOptions): Promise<void> {
  const service = options.service;
  const policies = options.policies ?? routePolicies;
  app.decorate('identityService', service);
  app.decorate('identityRoutes', []);
  app.decorateRequest('actor', null as unknown as Actor); // set in onRequest before any handler; fastify forbids object defaults
  app.decorateRequest('sessionId', null);
  app.decorateRequest('watchSocket', null);
  app.decorateRequest('identity', null as unknown as Identity); // same

  // Expired sessions, old sign-in attempts and used challenges are dropped hourly (rows, so any node may do it).
  let housekeeping: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    housekeeping = setInterval(() => {
      void Promise.all([service.sessions.prune(), service.throttle.prune(), service.humanCheck.prune()]).catch((error: unknown) => app.log.warn({ err: error }, 'identity housekeeping failed'));
    }, 3_600_000);
    housekeeping.unref();
  });
  app.addHook('onClose', async () => clearInterval(housekeeping));

  // Sockets outlive the request that opened them: re-read their sessions (another node may have revoked one).
  let socketRecheck: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    socketRecheck = setInterval(() => {
      void service.liveSockets.recheck().catch((error: unknown) => app.log.warn({ err: error }, 'websocket session re-check failed'));
    }, options.socketRecheckMs ?? 60_000);
    socketRecheck.unref();
  });
  app.addHook('onClose', async () => clearInterval(socketRecheck));

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (needsPolicy(route.url) && method !== 'HEAD') app.identityRoutes.push({ method, url: route.url });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.actor = anonymousActor;
    request.identity = { userId: null, community: '', groups: [] };
    const url = request.routeOptions.url;
    const policy = url === undefined ? undefined : policies[policyKey(request.method, url)];
    if (stateChanging.has(request.method) || request.headers.upgrade !== undefined) assertSameOrigin(request);

    const requested = requestedCommunity(request);
    const bearer = bearerOf(request);
    let viaSession: { csrfToken: string } | null = null;
    const upgrade = request.headers.upgrade !== undefined;
    if (bearer !== null) {
      const actor = await service.tokenActor(bearer, requested);
      request.actor = actor;
      if (upgrade) {
        request.watchSocket = (close) =>
          service.liveSockets.watch({ actor, sessionHash: null, expiresAt: null, close, reauthenticate: () => service.tokenActor(bearer, requested) });
      }
    } else {
      const cookie = readCookie(request.headers.cookie, sessionCookieName);
      if (cookie !== undefined) {
        const found = await service.sessionActor(cookie, requested);
        if (found === undefined) {
          reply.header('set-cookie', clearedSessionCookie(request.protocol === 'https'));
        } else {
          request.actor = found.actor;
          request.sessionId = cookie;
          viaSession = { csrfToken: found.session.csrfToken };
          if (upgrade) {
            const { actor } = found;
            const { idHash, expiresAt } = found.session;
            request.watchSocket = (close) =>
              service.liveSockets.watch({ actor, sessionHash: idHash, expiresAt, close, reauthenticate: async () => (await service.sessionActor(cookie, requested))?.actor });
          }
        }
      }
    }
    const actor = request.actor;
    request.identity = { userId: actor.userId, community: actor.community ?? '', groups: actor.roles };

    if (url === undefined || !needsPolicy(url)) return;
    if (policy === undefined) {
      request.log.error({ method: request.method, url }, 'route has no access rule in runtime/identity/route-policies.ts; refused');
      throw identityErrors.forbidden('此接口尚未配置访问规则 / this route has no access rule yet');
    }
    if (viaSession !== null && stateChanging.has(request.method) && policy.access !== 'public' && policy.csrfExempt !== true) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !constantTimeEqual(sent, viaSession.csrfToken)) throw identityErrors.csrf();
    }
    if (!accessAllows(policy.access, actor, request.method)) {
      if (actor.kind === 'anonymous') throw identityErrors.unauthenticated();
      if (actor.community === null && policy.access !== 'signedIn' && policy.access !== 'subDistrictAdmin') throw identityErrors.noCommunity();
      throw identityErrors.forbidden();
    }
    if (actor.mustChangePassword && policy.access !== 'public' && policy.duringPasswordChange !== true) throw identityErrors.passwordChangeRequired();
  });

  app.addHook('preHandler', async (request) => {
    const policy = policyOf(request, policies);
    if (policy?.check !== undefined) await policy.check(request, request.actor);
  });

  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    const policy = policyOf(request, policies);
    return policy?.redact === undefined || reply.statusCode >= 300 ? payload : policy.redact(payload, request.actor);
  });

  // Written before the reply leaves (onSend, not onResponse): whoever sees the action succeed can
  // read its audit row at once, and a crash cannot acknowledge an action whose row is missing.
  app.addHook('onSend', async (request, reply, payload) => {
    const policy = policyOf(request, policies);
    if (policy?.audit === undefined || reply.statusCode >= 300) return payload;
    try {
      await service.audit.append({
        community: request.actor.community,
        actor: auditName(request.actor),
        action: policy.audit,
        target: targetOf(request),
        reason: reasonOf(request),
        data: { ...policy.auditData?.(request), method: request.method, route: request.routeOptions.url ?? '', status: reply.statusCode } satisfies JsonObject,
      });
    } catch (error) {
      request.log.error({ err: error, action: policy.audit }, 'audit entry could not be written');
    }
    return payload;
  });
}

function policyOf(request: FastifyRequest, policies: Readonly<Record<string, RoutePolicy>>): RoutePolicy | undefined {
  const url = request.routeOptions.url;
  return url === undefined ? undefined : policies[policyKey(request.method, url)];
}

function targetOf(request: FastifyRequest): string | null {
  const params = request.params as Record<string, unknown> | undefined; // route params are strings
  const id = params?.['id'] ?? params?.['key'] ?? params?.['processKey'] ?? params?.['year'];
  if (typeof id === 'string') return id;
  if (typeof id === 'number') return String(id); // a numeric path parameter (a calendar year)
  const body = request.body as Record<string, unknown> | undefined; // parsed JSON or undefined
  const name = body?.['key'] ?? body?.['processKey'] ?? body?.['name'];
  return typeof name === 'string' ? name : null;
}

function reasonOf(request: FastifyRequest): string | null {
  const body = request.body as Record<string, unknown> | undefined; // parsed JSON or undefined
  const reason = body?.['reason'];
  return typeof reason === 'string' ? reason : null;
}

/**
 * A preHandler for routes of your own that need one of `roles` in the community acted in
 * (a community admin always passes).
 */
export function requireCommunityRole(...roles: string[]): preHandlerAsyncHookHandler {
  return async function requireRole(this: FastifyInstance, request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const actor = request.actor;
    if (actor.kind === 'anonymous') throw identityErrors.unauthenticated();
    if (actor.community === null) throw identityErrors.noCommunity();
    const admin = actor.kind === 'user' && (actor.isSubDistrictAdmin || actor.roles.includes('admin'));
    if (!admin && !actor.roles.some((role) => roles.includes(role))) throw identityErrors.forbidden();
  };
}

export const identity = fp(identityPlugin, { name: 'identity', dependencies: ['workflow-service'] });
