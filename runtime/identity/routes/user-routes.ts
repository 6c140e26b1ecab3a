import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, ListOf } from '../../schemas/common.js';
import { identityErrors } from '../identity-errors.js';
import { adminContext } from './current-community.js';
import { CreateUserBodySchema, MemberSchema, OneTimePasswordSchema, ReasonBodySchema, SetRolesBodySchema, UserParamsSchema } from './identity-schemas.js';

/** The community's people: list, create (one-time password), change roles, reset a password. */
const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.identityService;

  app.get(
    '',
    { schema: { tags: ['identity'], summary: '本居民区的成员 / members of the community', response: { 200: ListOf(MemberSchema), ...errorResponses(401, 403) } } },
    async (request) => {
      const { community } = adminContext(request);
      const members = await service.users.membersOf(community);
      return members.map(({ user, roles }) => ({ id: user.id, displayName: user.displayName, roles, mustChangePassword: user.mustChangePassword, disabled: user.disabledAt !== null }));
    },
  );

  app.post(
    '',
    {
      schema: {
        tags: ['identity'],
        summary: '新建用户（返回一次性密码）/ create a user (answers a one-time password)',
        body: CreateUserBodySchema,
        response: { 201: OneTimePasswordSchema, ...errorResponses(401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { community, by, userId } = adminContext(request);
      const { id, displayName, roles } = request.body;
      const { oneTimePassword } = await service.createUser({ id, displayName, community, roles, createdBy: userId });
      await service.audit.append({ community, actor: by, action: 'user.create', target: id, reason: null, data: { roles } });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ userId: id, oneTimePassword });
    },
  );

  app.put(
    '/:id/roles',
    {
      schema: {
        tags: ['identity'],
        summary: '设置用户在本居民区的角色（须说明原因）/ set the user\'s roles in this community, with a reason',
        params: UserParamsSchema,
        body: SetRolesBodySchema,
        response: { 200: MemberSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { community, by, userId } = adminContext(request);
      const user = await service.users.find(request.params.id);
      if (user === undefined) throw identityErrors.notFound(`用户 ${request.params.id} / user ${request.params.id}`);
      await service.assertRolesExist(community, request.body.roles);
      const roles = [...new Set(request.body.roles)].sort();
      await service.db.transaction(async (tx) => {
        const previous = await service.users.setRoles({ userId: user.id, community, roles, grantedBy: userId }, tx);
        await service.audit.append({ community, actor: by, action: 'user.roles', target: user.id, reason: request.body.reason, data: { before: previous, after: roles } }, tx);
        return previous;
      });
      service.liveSockets.rolesChanged(user.id);
      return { id: user.id, displayName: user.displayName, roles, mustChangePassword: user.mustChangePassword, disabled: user.disabledAt !== null };
    },
  );

  app.post(
    '/:id/reset-password',
    {
      schema: {
        tags: ['identity'],
        summary: '重置密码（新的一次性密码，原会话失效）/ reset the password (new one-time password; sessions end)',
        params: UserParamsSchema,
        body: ReasonBodySchema,
        response: { 200: OneTimePasswordSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { community, by } = adminContext(request);
      const roles = await service.users.rolesIn(request.params.id, community);
      // An admin resets only people of their own community; others look unknown.
      if (roles.length === 0 && !request.actor.isSubDistrictAdmin) throw identityErrors.notFound(`用户 ${request.params.id} / user ${request.params.id}`);
      if ((await service.users.find(request.params.id)) === undefined) throw identityErrors.notFound(`用户 ${request.params.id} / user ${request.params.id}`);
      const { oneTimePassword } = await service.resetPassword(request.params.id);
      await service.audit.append({ community, actor: by, action: 'user.reset-password', target: request.params.id, reason: request.body.reason, data: {} });
      reply.header('cache-control', 'no-store');
      return { userId: request.params.id, oneTimePassword };
    },
  );
};

export default userRoutes;
