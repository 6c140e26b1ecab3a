import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../../plugins/http-error.js';
import { isCommunityAdmin } from '../../identity/authorisation.js';
import { taskOfRequest } from '../../identity/resource-checks.js';
import { actorOf, requireActor, viewerOf } from '../../plugins/identity.js';
import { errorResponses } from '../../schemas/common.js';
import { assertJsonSafe } from '../../schemas/json-safe.js';
import {
  AssignTaskBodySchema,
  CompleteTaskBodySchema,
  CompleteTaskResultSchema,
  QueryTasksQuerySchema,
  TaskDetailsSchema,
  TaskFormSchema,
  TaskPageSchema,
  TaskParamsSchema,
  TaskViewSchema,
  type taskSortFields,
} from '../../schemas/tasks.js';
import type { QueryTasksInput, TaskVariableFilter, TaskVariableOperator } from '../../services/workflow-service.js';
import type { Static } from 'typebox';
import { visibleCreatedTasks } from '../created-tasks.js';
import { namedCompletion, namedTask, namedTasks } from '../people-names.js';

/** User tasks: the inbox query, one task, its form, claim / unclaim / assign / complete; assignees by name. */
const taskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      schema: {
        tags: ['tasks'],
        summary: '查询任务（我的待办、可认领、超期、我已办……）/ query tasks: mine, claimable, overdue, completed by me …',
        querystring: QueryTasksQuerySchema,
        response: { 200: TaskPageSchema, ...errorResponses(401) },
      },
    },
    async (request) => {
      const page = await app.workflow.queryTasks(toTaskQuery(request, request.query));
      return { ...page, items: await namedTasks(request, page.items) };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: '读取任务及其变量 / read a task with its variables',
        params: TaskParamsSchema,
        response: { 200: TaskDetailsSchema, ...errorResponses(404) },
      },
    },
    async (request) => namedTask(request, await app.workflow.getTask({ community: request.identity.community, taskId: request.params.id })),
  );

  app.get(
    '/:id/form',
    {
      schema: {
        tags: ['tasks'],
        summary: '任务关联的表单（form-js）/ the task\'s form-js schema',
        params: TaskParamsSchema,
        response: { 200: TaskFormSchema, ...errorResponses(404, 422) },
      },
    },
    async (request) => {
      const { community } = request.identity;
      const task = await taskOfRequest(request, community);
      if (task.formId === null) throw new HttpError(404, 'WF_NOT_FOUND', `任务 ${task.id} 没有关联表单 / task ${task.id} has no form`, { taskId: task.id });
      const { definition, schema } = await app.forms.loadForm(community, task.formId);
      return { formId: definition.key, version: definition.version, schema };
    },
  );

  app.post(
    '/:id/claim',
    {
      schema: {
        tags: ['tasks'],
        summary: '认领任务 / claim the task',
        params: TaskParamsSchema,
        response: { 200: TaskViewSchema, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => namedTask(request, await app.workflow.claimTask({ ...requireActor(request), taskId: request.params.id })),
  );

  app.post(
    '/:id/unclaim',
    {
      schema: {
        tags: ['tasks'],
        summary: '退回认领 / give the task back to its candidates',
        params: TaskParamsSchema,
        response: { 200: TaskViewSchema, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => namedTask(request, await app.workflow.unclaimTask({ ...requireActor(request), taskId: request.params.id })),
  );

  app.post(
    '/:id/assign',
    {
      schema: {
        tags: ['tasks'],
        summary: '指派任务（须说明原因）/ assign the task, with a reason',
        params: TaskParamsSchema,
        body: AssignTaskBodySchema,
        response: { 200: TaskViewSchema, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => namedTask(request, await app.workflow.assignTask({ ...requireActor(request), taskId: request.params.id, ...request.body })),
  );

  app.post(
    '/:id/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: '完成任务并提交表单 / complete the task with its form data',
        description: '数据按任务表单在服务器端校验，隐藏字段被丢弃 / data is validated on the server against the task form; hidden fields are dropped',
        params: TaskParamsSchema,
        body: CompleteTaskBodySchema,
        response: { 200: CompleteTaskResultSchema, ...errorResponses(401, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const given = assertJsonSafe(request.body.variables ?? {}, 'variables');
      const task = await taskOfRequest(request, actor.community);
      // a form's conditions read the case's variables; a task without a form needs none
      const context = task.formId === null ? {} : (await app.workflow.getTask({ community: actor.community, taskId: task.id })).variables;
      const variables = await app.forms.validateTaskVariables({ community: actor.community, formId: task.formId, variables: given, context });
      const result = await app.workflow.completeTask({ ...actor, taskId: request.params.id, variables, expectedVersion: request.body.expectedVersion, read: task });
      return { ...result, ...(await namedCompletion(request, result.task, visibleCreatedTasks(request, result.createdTasks))) };
    },
  );
};

type TaskQuery = Static<typeof QueryTasksQuerySchema>;
type TaskSortField = (typeof taskSortFields)[number];

function seesEveryTask(request: FastifyRequest): boolean {
  const actor = actorOf(request);
  return actor !== null && isCommunityAdmin(actor);
}

/** Turns the query string into the service's query; `me` and `none` are resolved here. */
function toTaskQuery(request: FastifyRequest, query: TaskQuery): QueryTasksInput {
  // An inbox is always somebody's: anonymous callers see no tasks rather than all of them.
  const visibleTo = viewerOf(request);
  if (visibleTo === undefined) throw new HttpError(401, 'WF_UNAUTHENTICATED', '请先登录 / please sign in to see tasks');
  const me = (value: string | undefined): string | undefined => (value === 'me' ? visibleTo.userId : value);
  const { var: variableFilters, sort, assignee, candidate, completedBy, status, limit, cursor, ...rest } = query;
  const [sortField, sortOrder] = (sort ?? 'createdAt:desc').split(':');
  return {
    ...rest,
    community: request.identity.community,
    // One case's tasks, as a community admin sees each of them (maySeeTask): the case page and the
    // monitor reassign a task held by someone who left, whatever the admin's own roles.
    ...(rest.instanceId !== undefined && seesEveryTask(request) ? {} : { visibleTo }),
    status,
    limit,
    cursor,
    assignee: assignee === 'none' ? null : me(assignee),
    completedBy: me(completedBy),
    candidate: candidate === 'me' ? visibleTo : undefined,
    variables: variableFilters?.map(parseVariableFilter),
    sort: { field: sortField as TaskSortField, order: sortOrder === 'asc' ? 'asc' : 'desc' }, // the schema's pattern allows only these fields
  };
}

/** `name:op:value`; numbers and true/false are typed, `"…"` forces a string. */
function parseVariableFilter(text: string): TaskVariableFilter {
  const first = text.indexOf(':');
  const second = text.indexOf(':', first + 1);
  const name = text.slice(0, first);
  const op = text.slice(first + 1, second) as TaskVariableOperator; // the schema's pattern allows only the operators
  const raw = text.slice(second + 1);
  let value: string | number | boolean = raw;
  if (/^".*"$/.test(raw)) value = raw.slice(1, -1);
  else if (raw === 'true' || raw === 'false') value = raw === 'true';
  else if (raw.trim() !== '' && Number.isFinite(Number(raw))) value = Number(raw);
  return { name, op, value };
}

export default taskRoutes;
