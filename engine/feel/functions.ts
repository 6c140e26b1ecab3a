import { dateAndTime } from 'feelin';
import type { FeelEnv } from './expression.js';

/** FEEL functions the engine adds or overrides; names with spaces are valid FEEL names. */
export const engineFunctionNames = ['now', 'today'] as const;

/** Built-ins bound to the step's clock, so `now()` never reads the real clock. */
export function engineFunctions(env: FeelEnv): Record<string, unknown> {
  const nowIso = new Date(env.now).toISOString();
  return {
    now: () => dateAndTime(nowIso),
    today: () => dateAndTime(nowIso),
  };
}
