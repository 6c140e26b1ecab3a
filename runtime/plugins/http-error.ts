/**
 * An error raised by the HTTP layer itself (a missing file part, an unsupported upload type, …).
 * Services raise their own coded errors; the error handler maps both the same way.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
