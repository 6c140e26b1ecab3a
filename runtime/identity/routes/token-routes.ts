import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, ListOf } from '../../schemas/common.js';
import { identityErrors } from '../identity-errors.js';
import type { TokenRecord } from '../token-store.js';
import { adminContext, isoOrNull } from './current-community.js';
import { CreatedTokenSchema, CreateTokenBodySchema, TokenParamsSchema, TokenSchema } from './identity-schemas.js';

function tokenView(record: TokenRecord) {
  return {
    id: record.id,
    name: record.name,
    scope: record.scope,
    community: record.community,
    createdBy: record.createdBy,
    createdAt: new Date(record.createdAt).toISOString(),
    expiresAt: isoOrNull(record.expiresAt),
    revokedAt: isoOrNull(record.revokedAt),
    lastUsedAt: isoOrNull(record.lastUsedAt),
  };
}

/** API tokens for external workers (`worker`) and integrations (`read-only`), one community each. */
const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.identityService;

  app.get(
    '',
    { schema: { tags: ['identity'], summary: 'API 令牌列表 / API tokens', response: { 200: ListOf(TokenSchema), ...errorResponses(401, 403) } } },
    async (request) => (await service.tokens.list(adminContext(request).community)).map(tokenView),
  );

  app.post(
    '',
    {
      schema: {
        tags: ['identity'],
        summary: '新建 API 令牌（只显示一次）/ create an API token (shown once)',
        body: CreateTokenBodySchema,
        response: { 201: CreatedTokenSchema, ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const { community, by, userId } = adminContext(request);
      const { name, scope, expiresInDays } = request.body;
      const expiresAt = expiresInDays === undefined ? null : service.now() + expiresInDays * 86_400_000;
      const { token, record } = await service.tokens.create({ community, scope, name, createdBy: userId, expiresAt });
      await service.audit.append({ community, actor: by, action: 'token.create', target: record.id, reason: null, data: { name, scope } });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ token, details: tokenView(record) });
    },
  );

  app.delete(
    '/:id',
    { schema: { tags: ['identity'], summary: '撤销 API 令牌 / revoke an API token', params: TokenParamsSchema, response: { 204: Type.Null(), ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      const { community, by } = adminContext(request);
      if (!(await service.tokens.revoke(community, request.params.id))) throw identityErrors.notFound('API 令牌 / API token');
      service.liveSockets.tokenRevoked(request.params.id);
      await service.audit.append({ community, actor: by, action: 'token.revoke', target: request.params.id, reason: null, data: {} });
      return reply.status(204).send(null);
    },
  );
};

export default tokenRoutes;
