import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas/common.js';
import { identityErrors } from '../identity-errors.js';
import { TrackBodySchema, TrackResultSchema } from './public-schemas.js';

const statusText = {
  'in-progress': '办理中 / in progress',
  completed: '已办结 / completed',
  closed: '已关闭 / closed',
} as const;

/**
 * A resident follows their case with the tracking code: status and public replies only. The
 * code travels in a POST body (not the URL, which logs and proxies keep); unknown and malformed
 * codes answer the same 404; lookups are limited per address so codes cannot be enumerated.
 */
const publicTrackingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.identityService;

  app.post(
    '/track',
    {
      schema: {
        tags: ['public'],
        summary: '凭查询码查看办理进度 / follow a case with its tracking code',
        body: TrackBodySchema,
        response: { 200: TrackResultSchema, ...errorResponses(404, 429) },
      },
    },
    async (request, reply) => {
      const wait = service.trackingLimiter.take(request.ip);
      if (wait > 0) {
        reply.header('retry-after', String(Math.ceil(wait / 1000)));
        throw identityErrors.rateLimited(wait);
      }
      reply.header('cache-control', 'no-store');
      const found = await service.trackingCodes.find(request.body.code);
      if (found === undefined) throw identityErrors.notFound('查询码 / tracking code');
      const instance = await app.workflow.getInstance({ community: found.community, id: found.instanceId });
      const comments = await app.workflow.listComments({ community: found.community, instanceId: found.instanceId, visibility: 'public', limit: 200 });
      const status: keyof typeof statusText = instance.status === 'active' ? 'in-progress' : instance.status === 'completed' ? 'completed' : 'closed';
      return {
        processName: instance.processName,
        status,
        statusText: statusText[status],
        submittedAt: instance.startedAt,
        endedAt: instance.endedAt,
        replies: comments.items.filter((comment) => comment.visibility === 'public').map((comment) => ({ body: comment.body, at: comment.createdAt })),
      };
    },
  );
};

export default publicTrackingRoutes;
