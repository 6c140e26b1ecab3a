import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireActor } from '../../plugins/identity.js';
import { errorResponses } from '../../schemas/common.js';
import { PublishMessageBodySchema, PublishMessageResultSchema } from '../../schemas/events.js';
import { assertJsonSafe } from '../../schemas/json-safe.js';

/** Publish a message to the instance waiting for it (name + correlation key). */
const messageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '',
    {
      schema: {
        tags: ['events'],
        summary: '发布消息（按名称和关联键送达）/ publish a message (correlated by name and key)',
        body: PublishMessageBodySchema,
        response: { 200: PublishMessageResultSchema, ...errorResponses(401, 501) },
      },
    },
    async (request) => {
      const { variables, ...rest } = request.body;
      return app.workflow.publishMessage({
        ...requireActor(request),
        ...rest,
        variables: variables === undefined ? undefined : assertJsonSafe(variables, 'variables'),
      });
    },
  );
};

export default messageRoutes;
