import type { WorkingCalendar } from '../calendar/working-calendar.js';

/** What an expression may read besides variables: the engine's clock and calendar. */
export interface FeelEnv {
  /** Current time, epoch milliseconds (passed in; the engine never reads the clock). */
  readonly now: number;
  /** IANA time zone for `today()` and date arithmetic; Asia/Shanghai by default. */
  readonly timeZone: string;
  readonly calendar: WorkingCalendar;
  /** Collects human-readable warnings, e.g. a due date computed into a year without calendar data. */
  readonly warn: (message: string) => void;
}

/** Looks a variable up through the scope chain; `undefined` when no scope has it. */
export type VariableLookup = (name: string) => unknown;

/** A FEEL expression compiled once at deploy time and evaluated many times. */
export interface CompiledExpression {
  /** The expression as written in the model, without the leading `=`. */
  readonly source: string;
  /** Top-level variable names the expression reads (found once from the parse tree). */
  readonly variables: readonly string[];
  /**
   * Evaluates against the variables; returns plain JSON-safe values (dates as ISO strings).
   * Throws `FeelEvaluationError` when the expression cannot be evaluated.
   */
  evaluate(lookup: VariableLookup, env: FeelEnv): unknown;
}

/** A `zeebe:` attribute value: a literal, or FEEL when written with a leading `=`. */
export type ValueExpression =
  | { readonly kind: 'static'; readonly value: string }
  | { readonly kind: 'feel'; readonly expression: CompiledExpression };

export class FeelSyntaxError extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly from: number,
    readonly to: number,
  ) {
    super(message);
    this.name = 'FeelSyntaxError';
  }
}

export class FeelEvaluationError extends Error {
  constructor(message: string, readonly source: string) {
    super(message);
    this.name = 'FeelEvaluationError';
  }
}
