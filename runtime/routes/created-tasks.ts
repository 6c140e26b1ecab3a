import type { FastifyRequest } from 'fastify';
import { maySeeTask } from '../identity/authorisation.js';
import { actorOf } from '../plugins/identity.js';
import type { TaskView } from '../services/workflow-service.js';

/**
 * The user tasks a start or a completion created, as its answer shows them: only those the
 * caller may see (a resident who starts a complaint is not shown the staff's task). Under the
 * development header identity (no signed-in actor) every created task is shown.
 */
export function visibleCreatedTasks(request: FastifyRequest, tasks: readonly TaskView[]): TaskView[] {
  const actor = actorOf(request);
  return actor === null ? [...tasks] : tasks.filter((task) => maySeeTask(actor, task));
}
