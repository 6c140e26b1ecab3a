import type { Actor } from '../identity/actor.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Acting, TaskViewer } from '../services/workflow-service.js';
import { HttpError } from './http-error.js';

/**
 * Who is calling, and in which community.
 *
 * DEVELOPMENT STAND-IN until issue 5 (sessions, API tokens): the identity is read from the
 * headers `x-user`, `x-community` (default `demo`) and `x-groups` (comma-separated role keys),
 * which anyone can forge. Issue 5 replaces this plugin with one that decorates the same
 * `request.identity` from the session cookie or a token; routes only read `request.identity`.
 */
export interface Identity {
  /** null = anonymous. */
  readonly userId: string | null;
  readonly community: string;
  /** Role keys (candidate groups) the user holds in `community`. */
  readonly groups: readonly string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity;
  }
}

export const defaultCommunity = 'demo';
const namePattern = /^[A-Za-z0-9_.@-]{1,128}$/;

/**
 * Reads and checks the dev identity headers; a malformed one is a 400, not a silent default.
 * Browsers cannot set headers on a WebSocket, so an upgrade request without `x-user` may carry
 * the same values as `?user=&community=&groups=`.
 */
export function identityFromHeaders(headers: FastifyRequest['headers'], query: unknown = {}): Identity {
  const fromQuery = headers.upgrade !== undefined && headers['x-user'] === undefined ? queryValues(query) : {};
  const single = (name: string): string | undefined => {
    const value = headers[name] ?? fromQuery[name];
    const text = Array.isArray(value) ? value[0] : value;
    const trimmed = text?.trim();
    return trimmed === undefined || trimmed === '' ? undefined : trimmed;
  };
  const problems: { in: string; path: string; message: string }[] = [];
  const check = (name: string, value: string | undefined): void => {
    if (value !== undefined && !namePattern.test(value)) {
      problems.push({ in: 'headers', path: `/${name}`, message: '只能含字母、数字和 _.@- / only letters, digits and _.@- allowed' });
    }
  };
  const userId = single('x-user');
  const community = single('x-community') ?? defaultCommunity;
  const groups = (single('x-groups') ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');
  check('x-user', userId);
  check('x-community', community);
  groups.forEach((group) => check('x-groups', group));
  if (problems.length > 0) {
    throw new HttpError(400, 'WF_REQUEST_INVALID', '身份请求头无效 / invalid identity header', { problems });
  }
  return { userId: userId ?? null, community, groups };
}

function queryValues(query: unknown): Record<string, string | undefined> {
  if (typeof query !== 'object' || query === null) return {};
  const read = (key: string): string | undefined => {
    const value = (query as Record<string, unknown>)[key]; // fastify's parsed query string: strings or string arrays
    return typeof value === 'string' ? value : undefined;
  };
  return { 'x-user': read('user'), 'x-community': read('community'), 'x-groups': read('groups') };
}

/** The acting user for a state-changing call; anonymous callers get 401. */
export function requireActor(request: FastifyRequest): Acting {
  const { userId, community } = request.identity;
  if (userId === null) {
    throw new HttpError(401, 'WF_UNAUTHENTICATED', '请先登录 / please sign in (dev: send the x-user header)');
  }
  return { userId, community };
}

/** The signed-in actor of the identity plugin; null under the development header identity, which has none. */
export function actorOf(request: FastifyRequest): Actor | null {
  const actor = (request as { actor?: Actor | null }).actor; // decorated by runtime/identity only
  return actor ?? null;
}

/** The task viewer (user + groups) when someone is signed in. */
export function viewerOf(request: FastifyRequest): TaskViewer | undefined {
  const { userId, groups } = request.identity;
  return userId === null ? undefined : { userId, groups };
}

async function identityPlugin(app: FastifyInstance): Promise<void> {
  // fastify forbids shared object defaults on requests; onRequest sets it before any handler runs
  app.decorateRequest('identity', null as unknown as Identity);
  app.addHook('onRequest', async (request) => {
    request.identity = identityFromHeaders(request.headers, request.query);
  });
}

/** The development identity (headers, or query on WebSocket upgrades). Not for production. */
export const devIdentity = fp(identityPlugin, { name: 'identity' });
