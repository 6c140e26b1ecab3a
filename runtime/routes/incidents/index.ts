import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireActor } from '../../plugins/identity.js';
import { errorResponses } from '../../schemas/common.js';
import { IncidentPageSchema, IncidentParamsSchema, IncidentSchema, ListIncidentsQuerySchema, RetryIncidentBodySchema } from '../../schemas/incidents.js';

/** Incidents: list them, and retry one after the cause is fixed. */
const incidentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      schema: {
        tags: ['incidents'],
        summary: '故障列表 / list incidents',
        querystring: ListIncidentsQuerySchema,
        response: { 200: IncidentPageSchema, ...errorResponses() },
      },
    },
    async (request) => app.workflow.listIncidents({ community: request.identity.community, ...request.query }),
  );

  app.post(
    '/:id/retry',
    {
      schema: {
        tags: ['incidents'],
        summary: '重试故障 / retry an incident',
        params: IncidentParamsSchema,
        body: RetryIncidentBodySchema,
        response: { 200: IncidentSchema, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => app.workflow.retryIncident({ ...requireActor(request), incidentId: request.params.id, retries: request.body.retries }),
  );
};

export default incidentRoutes;
