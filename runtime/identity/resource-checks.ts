import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor.js';
import {
  isStaff,
  mayAssignTask,
  mayClaimTask,
  mayCompleteTask,
  maySeeAllInstances,
  maySeeTask,
  mayStartProcess,
  mayUnclaimTask,
  type TaskFacts,
} from './authorisation.js';
import { identityErrors } from './identity-errors.js';
import { readStartableBy } from './start-permissions.js';
import type { TaskView } from '../services/workflow-service.js';

/**
 * A check that needs the resource (task, case, definition): runs after the request is
 * validated, before the handler. Something the actor may not see answers 404 like an unknown
 * id (no probing); something visible but not allowed answers 403.
 */
export type ResourceCheck = (request: FastifyRequest, actor: Actor) => Promise<void>;

function param(request: FastifyRequest, name: string): string {
  const params = request.params as Record<string, unknown>; // every route using these checks declares the param in its schema
  const value = params[name];
  return typeof value === 'string' ? value : '';
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

const taskNotFound = () => identityErrors.notFound('任务 / task');
const instanceNotFound = () => identityErrors.notFound('流程实例 / instance');

/** The task row a check loaded, per request: the route handler after it uses the same row instead of reading it again. */
const checkedTasks = new WeakMap<FastifyRequest, TaskView>();

async function loadTask(request: FastifyRequest, actor: Actor): Promise<TaskFacts> {
  const task = await request.server.workflow.getTaskView({ community: actor.community ?? '', taskId: param(request, 'id') });
  if (!maySeeTask(actor, task)) throw taskNotFound();
  checkedTasks.set(request, task);
  return task;
}

/** The task row of a `/tasks/:id…` route: the one its resource check loaded moments ago, else read now. */
export async function taskOfRequest(request: FastifyRequest, community: string): Promise<TaskView> {
  return checkedTasks.get(request) ?? request.server.workflow.getTaskView({ community, taskId: param(request, 'id') });
}

function taskAction(rule: (actor: Actor, task: TaskFacts) => boolean, refusal: string): ResourceCheck {
  return async (request, actor) => {
    const task = await loadTask(request, actor);
    if (!rule(actor, task)) throw identityErrors.forbidden(refusal);
  };
}

/** Whether the actor may see a case: staff, its starter, or someone who holds (held) one of its tasks. */
export async function maySeeInstance(request: FastifyRequest, actor: Actor, instanceId: string): Promise<boolean> {
  if (maySeeAllInstances(actor)) return true;
  if (actor.kind !== 'user' || actor.userId === null || actor.community === null) return false;
  const community = actor.community;
  let instance;
  try {
    instance = await request.server.workflow.getInstance({ community, id: instanceId });
  } catch {
    return false;
  }
  if (instance.startedBy === actor.userId) return true;
  const tasks = await request.server.workflow.queryTasks({ community, instanceId, status: 'all', visibleTo: { userId: actor.userId, groups: actor.roles }, limit: 1 });
  return tasks.items.length > 0;
}

const instanceVisible =
  (name: string): ResourceCheck =>
  async (request, actor) => {
    if (!(await maySeeInstance(request, actor, param(request, name)))) throw instanceNotFound();
  };

export const resourceChecks = {
  taskVisible: (async (request, actor) => {
    await loadTask(request, actor);
  }) satisfies ResourceCheck,
  taskClaim: taskAction(mayClaimTask, '只有候选人可以认领此任务 / only a candidate may claim this task'),
  taskUnclaim: taskAction(mayUnclaimTask, '只有处理人或管理员可以退回此任务 / only the assignee or an admin may give this task back'),
  taskComplete: taskAction(mayCompleteTask, '只有处理人（或未被认领时的候选人）可以完成此任务 / only the assignee, or a candidate while unassigned, may complete this task'),
  taskAssign: taskAction(mayAssignTask, '只有居民区管理员可以指派任务 / only a community admin may reassign a task'),

  instanceVisible: instanceVisible('id'),

  /** Residents and other non-staff list only the cases they started. */
  instanceListScope: (async (request, actor) => {
    if (maySeeAllInstances(actor)) return;
    const query = record(request.query);
    query['startedBy'] = actor.userId ?? '';
  }) satisfies ResourceCheck,

  /** Non-staff read only public replies, never internal notes. */
  commentsRead: (async (request, actor) => {
    await instanceVisible('id')(request, actor);
    if (maySeeAllInstances(actor)) return;
    record(request.query)['visibility'] = 'public';
  }) satisfies ResourceCheck,

  commentAdd: (async (request, actor) => {
    await instanceVisible('id')(request, actor);
    if (!isStaff(actor) && record(request.body)['visibility'] !== 'public') {
      throw identityErrors.forbidden('只有工作人员可以写内部备注 / only staff may write internal notes');
    }
  }) satisfies ResourceCheck,

  attachmentVisible: (async (request, actor) => {
    let attachment;
    try {
      attachment = await request.server.workflow.getAttachment({ community: actor.community ?? '', attachmentId: param(request, 'id') });
    } catch {
      throw identityErrors.notFound('附件 / attachment');
    }
    const visible = (await maySeeInstance(request, actor, attachment.instanceId)) && (maySeeAllInstances(actor) || attachment.visibility === 'public');
    if (!visible) throw identityErrors.notFound('附件 / attachment');
  }) satisfies ResourceCheck,

  /** `startableBy` on the process decides who may start it. */
  startAllowed: (async (request, actor) => {
    const body = record(request.body);
    const processKey = typeof body['processKey'] === 'string' ? body['processKey'] : '';
    const version = typeof body['version'] === 'number' ? body['version'] : undefined;
    const definition = await request.server.workflow.getDefinition({ community: actor.community ?? '', kind: 'bpmn', key: processKey, ...(version === undefined ? {} : { version }) });
    const startableBy = await startableByCache(definition.id, () => readStartableBy(definition.content, definition.key));
    if (!mayStartProcess(actor, startableBy)) {
      throw identityErrors.forbidden(`你的角色不能发起流程 ${processKey} / your roles may not start process ${processKey}`);
    }
  }) satisfies ResourceCheck,
};

const startableByByDefinition = new Map<string, string[] | null>();

/** A deployed version never changes, so its `startableBy` is read once. */
export async function startableByCache(definitionId: string, read: () => Promise<string[] | null>): Promise<string[] | null> {
  if (startableByByDefinition.has(definitionId)) return startableByByDefinition.get(definitionId) ?? null;
  const value = await read();
  if (startableByByDefinition.size >= 1000) startableByByDefinition.delete(startableByByDefinition.keys().next().value ?? '');
  startableByByDefinition.set(definitionId, value);
  return value;
}
