import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas/common.js';

/** Liveness and readiness: `/api/health` answers 200 when the database answers. */
const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查 / health check',
        response: { 200: Type.Object({ status: Type.Literal('ok') }), ...errorResponses(503) },
      },
    },
    async () => {
      await app.workflow.ping();
      return { status: 'ok' as const };
    },
  );
};

export default systemRoutes;
