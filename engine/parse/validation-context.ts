import type { ExecutableModel } from '../model/executable-model.js';
import type { ProblemCollector } from './problem-collector.js';
import type { VisitedElement } from './visited-element.js';

/** What every validation rule gets: the built model, every element met, and where to report. */
export interface ValidationContext {
  readonly model: ExecutableModel;
  readonly visited: readonly VisitedElement[];
  readonly report: ProblemCollector;
}

export type ValidationRule = (ctx: ValidationContext) => void;
