import type { Actor } from './actor.js';
import { communityAdminRole, staffRoles } from './roles.js';

/** The parts of a task the rules read. */
export interface TaskFacts {
  readonly community: string;
  readonly status: string;
  readonly assignee: string | null;
  readonly candidateUsers: readonly string[];
  readonly candidateGroups: readonly string[];
}

/** Whether the actor administers the community it acts in (a sub-district admin does everywhere). */
export function isCommunityAdmin(actor: Actor): boolean {
  return actor.kind === 'user' && actor.community !== null && (actor.isSubDistrictAdmin || actor.roles.includes(communityAdminRole));
}

/** Staff run cases: they see every case of their community (party, rc, oc, pm, admin). */
export function isStaff(actor: Actor): boolean {
  return actor.kind === 'user' && actor.community !== null && actor.roles.some((role) => staffRoles.has(role));
}

/** Holds any role in the community it acts in. */
export function isMember(actor: Actor): boolean {
  return actor.kind === 'user' && actor.community !== null && actor.roles.length > 0;
}

/** Candidate: named as a candidate user, or holds one of the candidate groups in the task's community. */
export function isCandidate(actor: Actor, task: TaskFacts): boolean {
  if (actor.kind !== 'user' || actor.userId === null || actor.community !== task.community) return false;
  return task.candidateUsers.includes(actor.userId) || task.candidateGroups.some((group) => actor.roles.includes(group));
}

/** Who may see a task: its assignee, a candidate, or a community admin; a read-only token of the community. */
export function maySeeTask(actor: Actor, task: TaskFacts): boolean {
  if (actor.community !== task.community) return false;
  if (actor.kind === 'token') return actor.tokenScope === 'read-only';
  if (actor.kind !== 'user') return false;
  return task.assignee === actor.userId || isCandidate(actor, task) || isCommunityAdmin(actor);
}

/** Claim only if candidate, and only while nobody else holds it (the service reports the latter as 409). */
export function mayClaimTask(actor: Actor, task: TaskFacts): boolean {
  return isCandidate(actor, task);
}

/** Complete only as the assignee, or as a candidate while it is unassigned (claiming it implicitly). */
export function mayCompleteTask(actor: Actor, task: TaskFacts): boolean {
  if (actor.kind !== 'user' || actor.community !== task.community) return false;
  if (task.assignee !== null) return task.assignee === actor.userId;
  return isCandidate(actor, task);
}

/** Give a task back: its assignee, or an admin. */
export function mayUnclaimTask(actor: Actor, task: TaskFacts): boolean {
  if (actor.kind !== 'user' || actor.community !== task.community) return false;
  return task.assignee === actor.userId || isCommunityAdmin(actor);
}

/** Reassign (with a reason, audited): community admins only. */
export function mayAssignTask(actor: Actor, task: TaskFacts): boolean {
  return actor.community === task.community && isCommunityAdmin(actor);
}

/** Cases: staff and read-only tokens see all of the community; others the cases they started (or hold a task in: checked by the caller). */
export function maySeeAllInstances(actor: Actor): boolean {
  return isStaff(actor) || isCommunityAdmin(actor) || (actor.kind === 'token' && actor.tokenScope === 'read-only');
}

/** `startableBy` token meaning the public intake page (anyone, after the human check). */
export const publicStarter = 'public';

/**
 * Who may start a process, from its `startableBy` list (role keys, comma-separated; `public`
 * = the public intake). Without the property, staff and admins may. Staff may also enter a case
 * on a resident's behalf (phone, suggestion box, visit …) when residents or the public may start it.
 */
export function mayStartProcess(actor: Actor, startableBy: readonly string[] | null): boolean {
  if (actor.kind !== 'user' || actor.community === null) return false;
  if (startableBy === null) return isStaff(actor) || isCommunityAdmin(actor);
  if (actor.roles.some((role) => startableBy.includes(role))) return true;
  const onBehalf = startableBy.includes('resident') || startableBy.includes(publicStarter);
  return onBehalf && (isStaff(actor) || isCommunityAdmin(actor));
}
