import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { errorResponses } from '../../schemas/common.js';
import type { Actor } from '../actor.js';
import { clearedSessionCookie, sessionCookie } from '../cookies.js';
import { identityErrors } from '../identity-errors.js';
import { LoginBodySchema, MeSchema, PasswordBodySchema, SwitchCommunityBodySchema } from './identity-schemas.js';

/** What `me` and sign-in answer: the actor and the session's CSRF token. */
export function meOf(actor: Actor, csrfToken: string | null) {
  return {
    kind: actor.kind,
    userId: actor.userId,
    displayName: actor.displayName,
    isSubDistrictAdmin: actor.isSubDistrictAdmin,
    mustChangePassword: actor.mustChangePassword,
    community: actor.community,
    roles: actor.roles,
    communities: actor.communities,
    tokenScope: actor.tokenScope,
    csrfToken,
  };
}

function secure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** Sign-in, sign-out, who am I, change password, switch community. */
const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.identityService;

  app.post(
    '/login',
    {
      schema: {
        tags: ['identity'],
        summary: '登录（设置会话 Cookie）/ sign in (sets the session cookie)',
        body: LoginBodySchema,
        response: { 200: MeSchema, ...errorResponses(401, 429) },
      },
    },
    async (request, reply) => {
      const result = await service.login({ username: request.body.username, password: request.body.password, address: request.ip });
      // Rotation: whatever session the browser had before ends here; the new id is fresh randomness.
      if (request.sessionId !== null) await service.sessions.revoke(request.sessionId);
      const maxAgeSeconds = (result.expiresAt - service.now()) / 1000;
      reply.header('set-cookie', sessionCookie(result.sessionId, { secure: secure(request), maxAgeSeconds }));
      reply.header('cache-control', 'no-store');
      return meOf(result.actor, result.csrfToken);
    },
  );

  app.post(
    '/logout',
    { schema: { tags: ['identity'], summary: '退出登录 / sign out', response: { 204: Type.Null(), ...errorResponses(401, 403) } } },
    async (request, reply) => {
      if (request.sessionId !== null) await service.sessions.revoke(request.sessionId);
      reply.header('set-cookie', clearedSessionCookie(secure(request)));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    { schema: { tags: ['identity'], summary: '当前身份与 CSRF 令牌 / who am I, with the CSRF token', response: { 200: MeSchema, ...errorResponses() } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const session = request.sessionId === null ? undefined : await service.sessions.findLive(request.sessionId);
      return meOf(request.actor, session?.csrfToken ?? null);
    },
  );

  app.post(
    '/password',
    {
      schema: {
        tags: ['identity'],
        summary: '修改密码（其他会话随之失效）/ change the password (other sessions end)',
        body: PasswordBodySchema,
        response: { 204: Type.Null(), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const userId = request.actor.userId;
      if (userId === null) throw identityErrors.unauthenticated();
      const session = request.sessionId === null ? undefined : await service.sessions.findLive(request.sessionId);
      await service.changePassword({ userId, ...request.body, keepSessionHash: session?.idHash ?? null });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/community',
    {
      schema: {
        tags: ['identity'],
        summary: '切换当前居民区 / switch the community you work in',
        body: SwitchCommunityBodySchema,
        response: { 200: MeSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const sessionId = request.sessionId;
      if (sessionId === null) throw identityErrors.unauthenticated();
      const found = await service.sessionActor(sessionId, request.body.community);
      if (found === undefined) throw identityErrors.unauthenticated();
      await service.sessions.setCommunity(found.session.idHash, request.body.community);
      service.liveSockets.sessionChanged(found.session.idHash);
      return meOf(found.actor, found.session.csrfToken);
    },
  );
};

export default authRoutes;
