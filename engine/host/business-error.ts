/** Thrown by a job worker to raise a BPMN error with a code (caught by error boundary events). */
export class BusinessError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'BusinessError';
  }
}
