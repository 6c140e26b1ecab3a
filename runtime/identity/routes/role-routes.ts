import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, ListOf } from '../../schemas/common.js';
import { identityErrors } from '../identity-errors.js';
import { builtInRoleKeys, builtInRoles, communityAdminRole, subDistrictRole } from '../roles.js';
import { adminContext } from './current-community.js';
import { CreateRoleBodySchema, RoleParamsSchema, RoleSchema } from './identity-schemas.js';

/** The community's roles: built-in ones plus those it adds (each a candidate group). */
const roleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.identityService;

  app.get(
    '',
    { schema: { tags: ['identity'], summary: '本居民区的角色 / the community\'s roles', response: { 200: ListOf(RoleSchema), ...errorResponses(401, 403) } } },
    async (request) => {
      const { community } = adminContext(request);
      const custom = await service.communities.customRoles(community);
      return [
        ...builtInRoles.map((role) => ({ ...role, builtIn: true })),
        { key: communityAdminRole, name: '居民区管理员 / community admin', builtIn: true },
        ...custom.map((role) => ({ ...role, builtIn: false })),
      ];
    },
  );

  app.post(
    '',
    { schema: { tags: ['identity'], summary: '新增角色 / add a role', body: CreateRoleBodySchema, response: { 201: RoleSchema, ...errorResponses(401, 403, 409) } } },
    async (request, reply) => {
      const { community, by } = adminContext(request);
      const { key, name } = request.body;
      if (key === subDistrictRole) throw identityErrors.conflict(`角色 ${key} 属于街道，居民区不能新增 / role ${key} belongs to the sub-district and cannot be added by a community`);
      if ((await service.roleKeys(community)).has(key)) throw identityErrors.conflict(`角色 ${key} 已存在 / role ${key} already exists`);
      await service.communities.addRole(community, { key, name });
      await service.audit.append({ community, actor: by, action: 'role.create', target: key, reason: null, data: { name } });
      return reply.status(201).send({ key, name, builtIn: false });
    },
  );

  app.delete(
    '/:key',
    { schema: { tags: ['identity'], summary: '删除本居民区新增的角色 / remove a role the community added', params: RoleParamsSchema, response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) } } },
    async (request, reply) => {
      const { community, by } = adminContext(request);
      const { key } = request.params;
      if (builtInRoleKeys.has(key)) throw identityErrors.conflict(`内置角色 ${key} 不能删除 / built-in role ${key} cannot be removed`);
      if (await service.users.roleInUse(community, key)) throw identityErrors.conflict(`仍有用户持有角色 ${key} / users still hold role ${key}`);
      if ((await service.communities.removeRole(community, key)) === 0) throw identityErrors.notFound(`角色 ${key} / role ${key}`);
      await service.audit.append({ community, actor: by, action: 'role.delete', target: key, reason: null, data: {} });
      return reply.status(204).send(null);
    },
  );
};

export default roleRoutes;
