import { EngineError, ValidationError } from '../../engine/errors.js';
import { InvalidStateError, WorkflowError, WorkflowValidationError } from './errors.js';

/** Turns an engine error into the service error a client can act on; other errors pass through. */
export function mapEngineError(error: unknown): unknown {
  if (error instanceof ValidationError) return new WorkflowValidationError(error.problems, error.message);
  if (!(error instanceof EngineError)) return error;
  switch (error.code) {
    case 'WF_UNKNOWN_PROCESS':
    case 'WF_NOT_FOUND':
      return new WorkflowError('WF_NOT_FOUND', error.message, error.details);
    case 'WF_INVALID_COMMAND':
      return new InvalidStateError(error.message, error.details);
    case 'WF_VALIDATION':
    case 'WF_PARSE':
    case 'WF_FEEL_SYNTAX':
      return new WorkflowValidationError([{ elementId: null, elementType: null, message: error.message }], error.message);
    case 'WF_INVALID_STATE':
      return error;
    default:
      return error;
  }
}

