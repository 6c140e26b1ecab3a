import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, ListOf } from '../../schemas/common.js';
import { deployMonthlyReportInto } from '../../stats/deploy-monthly-report.js';
import { auditName } from '../actor.js';
import { identityErrors } from '../identity-errors.js';
import { defaultSubDistrict } from '../seed.js';
import { CommunitySchema, CreateCommunityBodySchema } from './identity-schemas.js';

/** Communities: each user lists theirs; the sub-district admin lists all and creates new ones. */
const communityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.identityService;

  app.get(
    '',
    { schema: { tags: ['identity'], summary: '我的居民区（街道管理员：全部）/ my communities (sub-district admin: all)', response: { 200: ListOf(CommunitySchema), ...errorResponses(401) } } },
    async (request) => {
      const all = await service.communities.list();
      if (request.actor.isSubDistrictAdmin) return all;
      const mine = new Set(request.actor.communities.map((c) => c.id));
      return all.filter((community) => mine.has(community.id));
    },
  );

  app.post(
    '',
    {
      schema: {
        tags: ['identity'],
        summary: '新建居民区 / create a community',
        body: CreateCommunityBodySchema,
        response: { 201: CommunitySchema, ...errorResponses(401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { id, name } = request.body;
      if ((await service.communities.find(id)) !== undefined) throw identityErrors.conflict(`居民区 ${id} 已存在 / community ${id} already exists`);
      await service.communities.create({ id, name, subDistrictId: defaultSubDistrict.id });
      await service.audit.append({ community: id, actor: auditName(request.actor), action: 'community.create', target: id, reason: null, data: { name } });
      // the monthly report starts with the community, not at the next restart
      await deployMonthlyReportInto(app.workflow, id);
      return reply.status(201).send({ id, name, subDistrictId: defaultSubDistrict.id });
    },
  );
};

export default communityRoutes;
