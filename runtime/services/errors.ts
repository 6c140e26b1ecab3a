import type { ValidationProblem } from '../../engine/errors.js';

/**
 * Stable error codes of the workflow service. The HTTP layer maps each to a status with
 * `httpStatusOf`; clients branch on the code, never on the message.
 */
export type WorkflowErrorCode =
  | 'WF_BAD_REQUEST'
  | 'WF_FORBIDDEN'
  | 'WF_NOT_FOUND'
  | 'WF_CONFLICT'
  | 'WF_INVALID_STATE'
  | 'WF_VALIDATION'
  | 'WF_UNSUPPORTED'
  | 'WF_UNAVAILABLE';

const STATUS: Readonly<Record<WorkflowErrorCode, number>> = {
  WF_BAD_REQUEST: 400,
  WF_FORBIDDEN: 403,
  WF_NOT_FOUND: 404,
  WF_CONFLICT: 409,
  WF_INVALID_STATE: 409,
  WF_VALIDATION: 422,
  WF_UNSUPPORTED: 501,
  WF_UNAVAILABLE: 503,
};

/** The HTTP status for a workflow error code. */
export function httpStatusOf(code: WorkflowErrorCode): number {
  return STATUS[code];
}

/** Base class: a stable code, a Chinese-first message and the context a user needs. */
export class WorkflowError extends Error {
  readonly status: number;
  constructor(
    readonly code: WorkflowErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'WorkflowError';
    this.status = httpStatusOf(code);
  }
}

/** Malformed input the schema layer could not catch (e.g. an undecodable cursor). 400. */
export class BadRequestError extends WorkflowError {
  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super('WF_BAD_REQUEST', message, details);
    this.name = 'BadRequestError';
  }
}

/** The acting user may not do this (service-side rule, e.g. completing someone else's task). 403. */
export class ForbiddenError extends WorkflowError {
  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super('WF_FORBIDDEN', message, details);
    this.name = 'ForbiddenError';
  }
}

/** No such thing in this community (ids of other communities also answer this). 404. */
export class NotFoundError extends WorkflowError {
  constructor(what: string, id: string) {
    super('WF_NOT_FOUND', `未找到${what} ${id} / ${what} ${id} not found`, { what, id });
    this.name = 'NotFoundError';
  }
}

/**
 * Someone else changed the same case at the same moment (version check failed, task already
 * claimed by another user). Reload and try again. 409.
 */
export class ConflictError extends WorkflowError {
  constructor(message?: string, details: Readonly<Record<string, unknown>> = {}) {
    super(
      'WF_CONFLICT',
      message ?? '该事项刚被其他人修改，请刷新后重试 / This case was just changed by someone else; reload and try again',
      details,
    );
    this.name = 'ConflictError';
  }
}

/** The command does not fit the current state (task already completed, instance finished). 409. */
export class InvalidStateError extends WorkflowError {
  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super('WF_INVALID_STATE', message, details);
    this.name = 'InvalidStateError';
  }
}

/** A definition or a payload with problems; carries every problem, not only the first. 422. */
export class WorkflowValidationError extends WorkflowError {
  constructor(readonly problems: readonly ValidationProblem[], message?: string) {
    super('WF_VALIDATION', message ?? `输入有 ${problems.length} 个问题 / ${problems.length} problem(s) in the input`, { problems });
    this.name = 'WorkflowValidationError';
  }
}

/** A feature the engine does not run yet (e.g. messages before issue 3 lands). 501. */
export class UnsupportedError extends WorkflowError {
  constructor(feature: string) {
    super('WF_UNSUPPORTED', `暂不支持：${feature} / Not supported yet: ${feature}`, { feature });
    this.name = 'UnsupportedError';
  }
}

/** The database is unreachable or shutting down; the request may be retried. 503. */
export class UnavailableError extends WorkflowError {
  constructor(message?: string, details: Readonly<Record<string, unknown>> = {}) {
    super('WF_UNAVAILABLE', message ?? '服务暂时不可用，请稍后重试 / Service temporarily unavailable; retry later', details);
    this.name = 'UnavailableError';
  }
}
