import type { ProvidedVariable, StartFacts } from './provided-variable.js';

/** The variable naming the signed-in person who started the case (e.g. the reporter who checks the fix). */
export const INITIATOR_VARIABLE = 'initiator';

/**
 * Actors that are not a person: the job executor and timers (`system`), the public intake page
 * (`public-intake`, `publicIntakeUser` in runtime/identity/routes/public-intake-routes.ts; the
 * test checks the two agree) and API tokens (`token:<id>`; user ids cannot hold a colon).
 */
export const NOT_A_PERSON: readonly string[] = ['system', 'public-intake'];
const TOKEN_PREFIX = 'token:';

/**
 * The user id of the person who started the case with the none start event, or null when no
 * person did: a timer, message or signal start event, a call-activity child whose parent passed
 * none, the anonymous public intake, a token.
 */
export function initiatorOf(start: StartFacts): string | null {
  if (start.calledByParent || start.startEventId !== undefined) return null;
  if (NOT_A_PERSON.includes(start.actor) || start.actor.startsWith(TOKEN_PREFIX) || start.actor === '') return null;
  return start.actor;
}

/** `initiator`: the signed-in person who started the case, or null. */
export const initiatorVariable: ProvidedVariable = {
  name: INITIATOR_VARIABLE,
  source: { zh: '发起案件的登录用户', en: 'the signed-in person who started the case' },
  value: async (_tx, start) => initiatorOf(start),
};
