import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas/common.js';
import {
  ActivateJobsBodySchema,
  ActivateJobsResultSchema,
  CompleteJobBodySchema,
  FailJobBodySchema,
  JobParamsSchema,
  ThrowJobErrorBodySchema,
} from '../../schemas/jobs.js';
import { assertJsonSafe } from '../../schemas/json-safe.js';
import type { JsonObject } from '../../services/workflow-service.js';

const noContent = { 204: { type: 'null', description: '完成 / done' } } as const;

/**
 * The job worker API: external workers activate jobs of a type (with a lock and long polling),
 * then complete them, fail them (retries left) or throw a BPMN error.
 * Until issue 5 adds worker tokens, the community comes from the dev identity headers.
 */
const jobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Long polls end when the server shuts down, so closing does not wait out their timeouts.
  const polls = new Set<AbortController>();
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    for (const poll of polls) poll.abort();
  });

  app.post(
    '/activate',
    {
      schema: {
        tags: ['jobs'],
        summary: '领取任务（可长轮询）/ activate jobs of a type (long polling)',
        body: ActivateJobsBodySchema,
        response: { 200: ActivateJobsResultSchema, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const { requestTimeoutMs, ...rest } = request.body;
      // The client going away ends the long poll; its jobs stay available to others.
      const abort = new AbortController();
      polls.add(abort);
      reply.raw.once('close', () => {
        if (!reply.raw.writableEnded) abort.abort();
      });
      try {
        const jobs = await app.workflow.activateJobs({
          ...rest,
          community: request.identity.community,
          requestTimeoutMs: closing ? 0 : Math.min(requestTimeoutMs ?? 0, app.config.jobLongPollMaxMs),
          signal: abort.signal,
        });
        return { jobs };
      } finally {
        polls.delete(abort);
      }
    },
  );

  app.post(
    '/:key/complete',
    {
      schema: {
        tags: ['jobs'],
        summary: '完成任务 / complete a job',
        params: JobParamsSchema,
        body: CompleteJobBodySchema,
        response: { ...noContent, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const { worker, variables } = request.body;
      await app.workflow.completeJob({ community: request.identity.community, jobKey: request.params.key, worker, variables: safe(variables) });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/:key/fail',
    {
      schema: {
        tags: ['jobs'],
        summary: '报告失败（剩余重试次数）/ fail a job (retries left)',
        params: JobParamsSchema,
        body: FailJobBodySchema,
        response: { ...noContent, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      await app.workflow.failJob({ community: request.identity.community, jobKey: request.params.key, ...request.body });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/:key/error',
    {
      schema: {
        tags: ['jobs'],
        summary: '抛出 BPMN 业务错误 / throw a BPMN error',
        params: JobParamsSchema,
        body: ThrowJobErrorBodySchema,
        response: { ...noContent, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const { variables, ...rest } = request.body;
      await app.workflow.throwJobError({ community: request.identity.community, jobKey: request.params.key, ...rest, variables: safe(variables) });
      return reply.status(204).send(null);
    },
  );
};

function safe(variables: Record<string, unknown> | undefined): JsonObject | undefined {
  return variables === undefined ? undefined : assertJsonSafe(variables, 'variables');
}

export default jobRoutes;
