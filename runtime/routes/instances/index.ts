import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireActor } from '../../plugins/identity.js';
import { errorResponses } from '../../schemas/common.js';
import { PageQuerySchema } from '../../schemas/definitions.js';
import {
  CancelInstanceBodySchema,
  HistoryPageSchema,
  InstanceDetailsSchema,
  InstanceParamsSchema,
  InstanceSummaryPageSchema,
  InstanceSummarySchema,
  ListInstancesQuerySchema,
  StartInstanceBodySchema,
  UpdateVariablesBodySchema,
} from '../../schemas/instances.js';
import { assertJsonSafe } from '../../schemas/json-safe.js';
import { StartedInstanceSchema } from '../../schemas/tasks.js';
import { visibleCreatedTasks } from '../created-tasks.js';
import { namedHistory, namedInstance, namedInstances, namedStart } from '../people-names.js';

/** Process instances: start (with start-form data), read, list, history, cancel, edit variables. People come with their names (`people-names.ts`). */
const instanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '',
    {
      schema: {
        tags: ['instances'],
        summary: '发起流程实例 / start a process instance',
        description: '变量按流程开始事件关联的表单校验 / variables are validated against the start event\'s form, if it has one',
        body: StartInstanceBodySchema,
        response: { 201: StartedInstanceSchema, ...errorResponses(401, 404, 413, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { processKey, version, businessKey } = request.body;
      const given = assertJsonSafe(request.body.variables ?? {}, 'variables');
      const checked = await app.forms.validateStartVariables({ community: actor.community, processKey, version, variables: given });
      const { createdTasks, ...instance } = await app.workflow.startInstance({ ...actor, processKey, version: checked.version, businessKey, variables: checked.variables });
      return reply.status(201).send(await namedStart(request, instance, visibleCreatedTasks(request, createdTasks)));
    },
  );

  app.get(
    '',
    {
      schema: {
        tags: ['instances'],
        summary: '流程实例列表 / list process instances',
        querystring: ListInstancesQuerySchema,
        response: { 200: InstanceSummaryPageSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await app.workflow.listInstances({ community: request.identity.community, ...request.query });
      return { ...page, items: await namedInstances(request, page.items) };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['instances'],
        summary: '读取流程实例（状态、活动节点、变量、故障、历史）/ read an instance: status, active elements, variables, incidents, history',
        params: InstanceParamsSchema,
        response: { 200: InstanceDetailsSchema, ...errorResponses(404) },
      },
    },
    async (request) => namedInstance(request, await app.workflow.getInstance({ community: request.identity.community, id: request.params.id })),
  );

  app.get(
    '/:id/history',
    {
      schema: {
        tags: ['instances'],
        summary: '实例历史（分页）/ instance history, paginated',
        params: InstanceParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: HistoryPageSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const page = await app.workflow.listHistory({ community: request.identity.community, instanceId: request.params.id, ...request.query });
      return { ...page, items: await namedHistory(request, page.items) };
    },
  );

  app.post(
    '/:id/cancel',
    {
      schema: {
        tags: ['instances'],
        summary: '撤销实例（须说明原因）/ cancel an instance with a reason',
        params: InstanceParamsSchema,
        body: CancelInstanceBodySchema,
        response: { 200: InstanceSummarySchema, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => app.workflow.cancelInstance({ ...requireActor(request), id: request.params.id, reason: request.body.reason }),
  );

  app.patch(
    '/:id/variables',
    {
      schema: {
        tags: ['instances'],
        summary: '修改变量（留痕，须说明原因）/ update variables (audited, with a reason)',
        params: InstanceParamsSchema,
        body: UpdateVariablesBodySchema,
        response: { 200: InstanceSummarySchema, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const variables = assertJsonSafe(request.body.variables, 'variables');
      return app.workflow.updateVariables({
        ...actor,
        instanceId: request.params.id,
        variables,
        elementInstanceId: request.body.elementInstanceId,
        reason: request.body.reason,
      });
    },
  );
};

export default instanceRoutes;
