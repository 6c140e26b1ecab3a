import type { JsonObject } from '../../engine/state/json.js';

/**
 * The variables the "user" sends when completing a user task: the same scenario as the peer's
 * bench.mjs. Instance i: category = i % 2 ? "noise" : "repair"; when i % 4 == 3 the first
 * feedback is unsatisfied (one loop back), otherwise satisfied; every other task gets
 * `{ done: true }`.
 */
export function taskCompletionVariables(instanceIndex: number, elementId: string, feedbackCount: number): JsonObject {
  switch (elementId) {
    case 'register':
      return { category: instanceIndex % 2 ? 'noise' : 'repair' };
    case 'feedback':
      return { satisfied: !(instanceIndex % 4 === 3 && feedbackCount === 1) };
    default:
      return { done: true };
  }
}

/** What the `publish` service answers (the peer's service calls back with the same). */
export const publishJobResult: JsonObject = { publishedAt: 1 };
