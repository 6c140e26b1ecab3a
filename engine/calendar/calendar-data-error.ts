import { EngineError } from '../errors.js';

/** One problem in uploaded calendar data, naming the field and, where it applies, the bad date. */
export interface CalendarDataProblem {
  /** JSON path of the field, e.g. `holidays[3]`. */
  readonly field: string;
  readonly message: string;
}

/**
 * Calendar data (e.g. next year's holidays uploaded by an admin) that cannot be used; carries
 * every problem found. Uses the engine's `WF_VALIDATION` code.
 */
export class CalendarDataError extends EngineError {
  constructor(readonly problems: readonly CalendarDataProblem[]) {
    super(
      'WF_VALIDATION',
      `节假日数据有 ${problems.length} 个问题：${problems.map((p) => p.message).join('；')} / ${problems.length} problem(s) in the holiday data`,
      { problems },
    );
    this.name = 'CalendarDataError';
  }
}
