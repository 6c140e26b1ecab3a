import type { FastifyRequest } from 'fastify';
import { maySeeAllInstances } from '../identity/authorisation.js';
import { staffRoles } from '../identity/roles.js';
import { actorOf } from '../plugins/identity.js';
import { userNames } from '../identity/user-names.js';
import { SqlWorkflowService } from '../services/sql-workflow-service.js';
import { withFields } from './with-fields.js';
import type { AttachmentView, CommentView, HistoryEntry, InstanceSummary, TaskView } from '../services/workflow-service.js';

/** The display name of an id for this caller, or null (no account, or not theirs to see). */
export type NameOf = (id: string | null) => string | null;

/**
 * Whether the caller may see other people's names: staff (who see every case of the community)
 * and read-only tokens. A resident, a volunteer or a building leader sees only their own name;
 * the staff handling their case stay ids, as the resident pages showed them before names came.
 * Under the development header identity (no `request.actor`) staff are told by their roles.
 */
function seesOthersNames(request: FastifyRequest): boolean {
  const actor = actorOf(request);
  if (actor !== null) return maySeeAllInstances(actor);
  return request.identity.groups.some((group) => staffRoles.has(group));
}

/**
 * Looks up the names of `ids` (from id_user, through the library's `userNames`) as this caller
 * may see them. Without the SQL service (a stand-in service in HTTP tests) every name is null.
 */
export async function namesFor(request: FastifyRequest, ids: Iterable<string | null>): Promise<NameOf> {
  const self = request.identity.userId;
  const others = seesOthersNames(request);
  const wanted = [...ids].filter((id): id is string => id !== null && (others || id === self));
  const service = request.server.workflow;
  const names = service instanceof SqlWorkflowService && wanted.length > 0 ? await userNames(service.db, wanted) : new Map<string, string>();
  return (id) => (id === null || !(others || id === self) ? null : (names.get(id) ?? null));
}

type InstanceWithHistory = InstanceSummary & { readonly history: readonly HistoryEntry[] };
const peopleOfInstance = (instance: InstanceWithHistory) => [instance.startedBy, ...instance.history.map((entry) => entry.userId)];
const instanceWithNames = <T extends InstanceWithHistory>(instance: T, name: NameOf) =>
  withFields(instance, { startedByName: name(instance.startedBy), history: instance.history.map((entry) => withFields(entry, { userName: name(entry.userId) })) });

/** A case with who started it by name, and, when it has a history, who did each step by name. */
export async function namedInstance<T extends InstanceWithHistory>(request: FastifyRequest, instance: T) {
  return instanceWithNames(instance, await namesFor(request, peopleOfInstance(instance)));
}

export async function namedInstances<T extends InstanceSummary>(request: FastifyRequest, items: readonly T[]) {
  const name = await namesFor(request, items.map((item) => item.startedBy));
  return items.map((item) => withFields(item, { startedByName: name(item.startedBy) }));
}

export async function namedHistory(request: FastifyRequest, entries: readonly HistoryEntry[]) {
  const name = await namesFor(request, entries.map((entry) => entry.userId));
  return entries.map((entry) => withFields(entry, { userName: name(entry.userId) }));
}

const peopleOfTasks = (tasks: readonly TaskView[]) => tasks.flatMap((task) => [task.assignee, task.completedBy]);
const withNames = <T extends TaskView>(task: T, name: NameOf) => withFields(task, { assigneeName: name(task.assignee), completedByName: name(task.completedBy) });

/** Tasks with their assignee and who completed them by name. */
export async function namedTasks<T extends TaskView>(request: FastifyRequest, tasks: readonly T[]) {
  const name = await namesFor(request, peopleOfTasks(tasks));
  return tasks.map((task) => withNames(task, name));
}

export async function namedTask<T extends TaskView>(request: FastifyRequest, task: T) {
  return withNames(task, await namesFor(request, peopleOfTasks([task])));
}

/** A started case and the tasks its start created, by name, with one lookup. */
export async function namedStart<T extends InstanceWithHistory>(request: FastifyRequest, instance: T, created: readonly TaskView[]) {
  const name = await namesFor(request, [...peopleOfInstance(instance), ...peopleOfTasks(created)]);
  return withFields(instanceWithNames(instance, name), { createdTasks: created.map((each) => withNames(each, name)) });
}

/** A completed task and the tasks its completion created, by name, with one lookup. */
export async function namedCompletion(request: FastifyRequest, task: TaskView, created: readonly TaskView[]) {
  const name = await namesFor(request, peopleOfTasks([task, ...created]));
  return { task: withNames(task, name), createdTasks: created.map((each) => withNames(each, name)) };
}

/** Comments with their author by name. */
export async function namedComments(request: FastifyRequest, comments: readonly CommentView[]) {
  const name = await namesFor(request, comments.map((comment) => comment.author));
  return comments.map((comment) => withFields(comment, { authorName: name(comment.author) }));
}

/** Attachments with who uploaded them by name. */
export async function namedAttachments<T extends AttachmentView>(request: FastifyRequest, attachments: readonly T[]) {
  const name = await namesFor(request, attachments.map((attachment) => attachment.uploadedBy));
  return attachments.map((attachment) => withFields(attachment, { uploadedByName: name(attachment.uploadedBy) }));
}

export async function namedComment(request: FastifyRequest, comment: CommentView) {
  return withFields(comment, { authorName: (await namesFor(request, [comment.author]))(comment.author) });
}

export async function namedAttachment<T extends AttachmentView>(request: FastifyRequest, attachment: T) {
  return withFields(attachment, { uploadedByName: (await namesFor(request, [attachment.uploadedBy]))(attachment.uploadedBy) });
}
