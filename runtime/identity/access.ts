import type { Actor } from './actor.js';
import { isCommunityAdmin, isMember, isStaff } from './authorisation.js';

/**
 * Route-level access, checked before the request body is even parsed:
 * - `public`: anyone, signed in or not;
 * - `signedIn`: any signed-in user (no token);
 * - `member`: a user holding a role in the community acted in; read-only tokens for reads;
 * - `staff`: party, rc, oc, pm or admin there; read-only tokens for reads;
 * - `communityAdmin`: that community's admin (or a sub-district admin);
 * - `subDistrictAdmin`: the sub-district admin;
 * - `worker`: a worker token of the community (or its admin, to try the API by hand).
 */
export type Access = 'public' | 'signedIn' | 'member' | 'staff' | 'communityAdmin' | 'subDistrictAdmin' | 'worker';

const readMethods = new Set(['GET', 'HEAD']);

/** Whether `actor` passes `access` for a request with this method. */
export function accessAllows(access: Access, actor: Actor, method: string): boolean {
  const readOnlyToken = actor.kind === 'token' && actor.tokenScope === 'read-only' && readMethods.has(method);
  switch (access) {
    case 'public':
      return true;
    case 'signedIn':
      return actor.kind === 'user';
    case 'member':
      return readOnlyToken || isMember(actor) || isCommunityAdmin(actor);
    case 'staff':
      return readOnlyToken || isStaff(actor) || isCommunityAdmin(actor);
    case 'communityAdmin':
      return isCommunityAdmin(actor);
    case 'subDistrictAdmin':
      return actor.kind === 'user' && actor.isSubDistrictAdmin;
    case 'worker':
      return (actor.kind === 'token' && actor.tokenScope === 'worker') || isCommunityAdmin(actor);
    default:
      return assertNever(access);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled access rule ${String(value)}`);
}
