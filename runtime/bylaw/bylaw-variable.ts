import type { ProvidedVariable } from '../start-variables/provided-variable.js';
import { effectiveBylaw } from './bylaw-settings.js';
import { readBylaw } from './bylaw-store.js';

/** The variable the templates read their thresholds from; only the runtime sets it at start. */
export const BYLAW_VARIABLE = 'bylaw';

/**
 * `bylaw`: the community's bylaw settings (规约参数) merged over the defaults, read in the
 * start's own transaction (one row by key, no cache, so several nodes need no invalidation).
 * A running case keeps the settings it started with: a later change applies to new cases only.
 */
export const bylawVariable: ProvidedVariable = {
  name: BYLAW_VARIABLE,
  source: { zh: '本居民区的规约参数', en: 'the community bylaw settings' },
  value: async (tx, start) => effectiveBylaw((await readBylaw(tx, start.community)).values),
};
