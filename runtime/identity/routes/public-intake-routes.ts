import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { findStartFormId } from '../../forms/start-form-id.js';
import { HttpError } from '../../plugins/http-error.js';
import { errorResponses } from '../../schemas/common.js';
import { assertJsonSafe } from '../../schemas/json-safe.js';
import type { DefinitionWithContent } from '../../services/workflow-service.js';
import { publicStarter } from '../authorisation.js';
import { identityErrors } from '../identity-errors.js';
import { startableByCache } from '../resource-checks.js';
import { readStartableBy } from '../start-permissions.js';
import { ChallengeSchema, IntakeBodySchema, IntakePageSchema, IntakeParamsSchema, IntakeResultSchema } from './public-schemas.js';

/** The acting user recorded on cases submitted through the public page. */
export const publicIntakeUser = 'public-intake';

function limited(reply: FastifyReply, retryAfterMs: number): HttpError {
  reply.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
  return identityErrors.rateLimited(retryAfterMs);
}

async function isPublic(definition: DefinitionWithContent): Promise<boolean> {
  const startableBy = await startableByCache(definition.id, () => readStartableBy(definition.content, definition.key));
  return startableBy?.includes(publicStarter) ?? false;
}

/**
 * The public intake of a community: residents without an account submit an opinion or
 * complaint (any process whose `startableBy` lists `public`) after a human check, within a
 * per-address limit, and get a tracking code.
 */
const publicIntakeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.identityService;

  app.get(
    '/challenge',
    { schema: { tags: ['public'], summary: '人机校验题 / a human-check question', response: { 200: ChallengeSchema, ...errorResponses(429) } } },
    async (request, reply) => {
      const wait = service.challengeLimiter.take(request.ip);
      if (wait > 0) throw limited(reply, wait);
      reply.header('cache-control', 'no-store');
      return service.humanCheck.issue();
    },
  );

  app.get(
    '/communities/:community/intake',
    {
      schema: {
        tags: ['public'],
        summary: '居民区公开受理页：可提交的事项及其表单 / the community\'s public intake: what can be submitted, with forms',
        params: IntakeParamsSchema,
        response: { 200: IntakePageSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const community = await service.communities.find(request.params.community);
      if (community === undefined) throw identityErrors.notFound('居民区 / community');
      const page = await app.workflow.listDefinitions({ community: community.id, kind: 'bpmn', limit: 200 });
      const processes = [];
      for (const summary of page.items) {
        const definition = await app.workflow.getDefinition({ community: community.id, kind: 'bpmn', key: summary.key });
        if (!(await isPublic(definition))) continue;
        const formId = await findStartFormId(definition.content, definition.key);
        const form = formId === null ? null : (await app.forms.loadForm(community.id, formId)).schema;
        processes.push({ key: definition.key, name: definition.name, formId, form });
      }
      return { community: { id: community.id, name: community.name }, processes };
    },
  );

  app.post(
    '/communities/:community/intake',
    {
      schema: {
        tags: ['public'],
        summary: '提交意见或投诉（返回查询码）/ submit an opinion or complaint (answers a tracking code)',
        params: IntakeParamsSchema,
        body: IntakeBodySchema,
        response: { 201: IntakeResultSchema, ...errorResponses(404, 422, 429) },
      },
    },
    async (request, reply) => {
      const wait = service.intakeLimiter.take(request.ip);
      if (wait > 0) throw limited(reply, wait);
      const { processKey, challengeId, answer } = request.body;
      if (!(await service.humanCheck.verify(challengeId, answer))) {
        throw new HttpError(422, 'WF_HUMAN_CHECK_FAILED', '校验题回答错误或已过期，请重新获取题目 / the check answer is wrong or expired; ask for a new question', {
          problems: [{ in: 'body', path: '/answer', message: '回答错误或已过期 / wrong or expired' }],
        });
      }
      const community = await service.communities.find(request.params.community);
      if (community === undefined) throw identityErrors.notFound('居民区 / community');
      let definition: DefinitionWithContent;
      try {
        definition = await app.workflow.getDefinition({ community: community.id, kind: 'bpmn', key: processKey });
      } catch {
        throw identityErrors.notFound(`事项 ${processKey} / process ${processKey}`);
      }
      // Processes not offered publicly look exactly like unknown ones.
      if (!(await isPublic(definition))) throw identityErrors.notFound(`事项 ${processKey} / process ${processKey}`);
      const given = assertJsonSafe(request.body.variables ?? {}, 'variables');
      const checked = await app.forms.validateStartVariables({ community: community.id, processKey, version: definition.version, variables: given });
      const variables = 'channel' in checked.variables ? checked.variables : { ...checked.variables, channel: 'online' };
      const instance = await app.workflow.startInstance({ community: community.id, userId: publicIntakeUser, processKey, version: definition.version, variables });
      const trackingCode = await service.trackingCodes.issue(community.id, instance.id);
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ trackingCode, submittedAt: instance.startedAt });
    },
  );
};

export default publicIntakeRoutes;
