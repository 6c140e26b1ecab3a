import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireActor } from '../../plugins/identity.js';
import { errorResponses } from '../../schemas/common.js';
import { BroadcastSignalBodySchema, BroadcastSignalResultSchema } from '../../schemas/events.js';
import { assertJsonSafe } from '../../schemas/json-safe.js';

/** Broadcast a signal to every instance of the community that waits for it. */
const signalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '',
    {
      schema: {
        tags: ['events'],
        summary: '广播信号 / broadcast a signal',
        body: BroadcastSignalBodySchema,
        response: { 200: BroadcastSignalResultSchema, ...errorResponses(401, 501) },
      },
    },
    async (request) => {
      const { name, variables } = request.body;
      return app.workflow.broadcastSignal({
        ...requireActor(request),
        name,
        variables: variables === undefined ? undefined : assertJsonSafe(variables, 'variables'),
      });
    },
  );
};

export default signalRoutes;
