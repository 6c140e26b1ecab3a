/** Stable error codes the engine raises; the runtime maps them to HTTP statuses. */
export type EngineErrorCode =
  | 'WF_PARSE'
  | 'WF_VALIDATION'
  | 'WF_FEEL_SYNTAX'
  | 'WF_UNKNOWN_PROCESS'
  | 'WF_NOT_FOUND'
  | 'WF_INVALID_COMMAND'
  | 'WF_INVALID_STATE'
  | 'WF_TIMER_FORMAT';

/** Base class: every engine error carries a stable code and the context a user needs. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** One deploy-time problem, phrased so a community secretary can act on it. */
export interface ValidationProblem {
  readonly elementId: string | null;
  readonly elementType: string | null;
  /** Attribute or extension the problem is about, e.g. `zeebe:taskDefinition.type`. */
  readonly field?: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** A BPMN document that cannot be deployed; carries every problem found, not only the first. */
export class ValidationError extends EngineError {
  constructor(readonly problems: readonly ValidationProblem[], summary?: string) {
    super('WF_VALIDATION', summary ?? `流程定义有 ${problems.length} 个问题 / ${problems.length} problem(s) in the process definition`, { problems });
    this.name = 'ValidationError';
  }
}

/** A command that does not fit the instance (unknown element instance, task not waiting, …). */
export class InvalidCommandError extends EngineError {
  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super('WF_INVALID_COMMAND', message, details);
    this.name = 'InvalidCommandError';
  }
}
