import { bylawVariable } from '../bylaw/bylaw-variable.js';
import { initiatorVariable } from './initiator-variable.js';
import type { ProvidedVariable } from './provided-variable.js';

/**
 * Every variable the runtime provides to new cases, in one place: `bylaw` (the community's
 * bylaw settings) and `initiator` (who started the case). Each is set at start only for processes
 * whose diagram mentions it, and refused when anyone else gives it (start-variables.ts,
 * refuse-provided-variables.ts).
 */
export const providedVariables: readonly ProvidedVariable[] = [bylawVariable, initiatorVariable];
