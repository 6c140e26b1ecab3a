import type { FastifyRequest } from 'fastify';
import { auditName } from '../actor.js';
import { identityErrors } from '../identity-errors.js';

/** The community an admin route acts in, and the audit name of who acts (the access rule already ran). */
export function adminContext(request: FastifyRequest): { community: string; by: string; userId: string } {
  const { community, userId } = request.actor;
  if (community === null) throw identityErrors.noCommunity();
  return { community, by: auditName(request.actor), userId: userId ?? '' };
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
