/** One field problem the server reported (422 `WF_FORM_VALIDATION`). */
export interface FieldProblem {
  readonly field: string;
  readonly label: string | null;
  readonly message: string;
}

/**
 * A non-2xx answer from the API, with the server's stable `WF_…` code. The message is the
 * server's own bilingual text; pages map well-known codes to their own wording.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Someone else changed or completed the thing first (version check, already claimed). */
  get isConflict(): boolean {
    return this.status === 409;
  }

  /** Field problems from a form validation error, empty for every other error. */
  get fieldProblems(): FieldProblem[] {
    const problems = this.details.problems;
    if (!Array.isArray(problems)) return [];
    return problems.flatMap((entry: unknown) => {
      if (typeof entry !== 'object' || entry === null) return [];
      const { field, label, message } = entry as Record<string, unknown>;
      if (typeof field !== 'string' || typeof message !== 'string') return [];
      return [{ field, label: typeof label === 'string' ? label : null, message }];
    });
  }
}

/** The server speaks "中文 / English"; show the half that matches the UI language. */
export function localisedServerMessage(message: string, locale: string): string {
  const parts = message.split(' / ');
  if (parts.length < 2) return message;
  return locale.startsWith('zh') ? (parts[0] ?? message) : parts.slice(1).join(' / ');
}
