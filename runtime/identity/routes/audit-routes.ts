import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas/common.js';
import { adminContext } from './current-community.js';
import { AuditPageSchema, AuditQuerySchema } from './identity-schemas.js';

/** The audit log of the community: newest first. */
const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    { schema: { tags: ['identity'], summary: '审计日志 / audit log', querystring: AuditQuerySchema, response: { 200: AuditPageSchema, ...errorResponses(401, 403) } } },
    async (request) => {
      const { community } = adminContext(request);
      const { limit = 50, cursor } = request.query;
      return app.identityService.audit.list({ community, limit, ...(cursor === undefined ? {} : { before: Number(cursor) }) });
    },
  );
};

export default auditRoutes;
