/**
 * A small HTTP client for the examples: signs in with a session (cookie + CSRF token) or calls
 * with an API token, sends JSON, and turns the server's `{ code, message, details }` errors into
 * a thrown `LinliApiError`. Uses only Node's own `fetch`.
 */

/** An error answer of the REST API. */
export class LinliApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(`HTTP ${status} ${code}: ${message}`);
    this.name = 'LinliApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What `POST /api/auth/login` and `GET /api/auth/me` answer (the fields the examples read). */
export interface Me {
  readonly userId: string | null;
  readonly community: string | null;
  readonly roles: readonly string[];
  readonly mustChangePassword: boolean;
  readonly csrfToken: string | null;
}

export class LinliClient {
  private constructor(
    readonly baseUrl: string,
    private readonly auth: { readonly cookie: string; readonly csrfToken: string } | { readonly bearer: string },
  ) {}

  /** Calls with an API token (`llt_…`): no cookie, no CSRF token. */
  static withToken(baseUrl: string, token: string): LinliClient {
    return new LinliClient(trimSlash(baseUrl), { bearer: token });
  }

  /** Signs in as a person; the session cookie and its CSRF token go with every later call. */
  static async signIn(baseUrl: string, username: string, password: string): Promise<{ client: LinliClient; me: Me }> {
    const url = trimSlash(baseUrl);
    const response = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) throw await apiError(response);
    const me = (await response.json()) as Me;
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('linli_session='));
    if (cookie === undefined || me.csrfToken === null) throw new Error('登录应答缺少会话 / the sign-in answer carried no session');
    return { client: new LinliClient(url, { cookie, csrfToken: me.csrfToken }), me };
  }

  /** One API call; `path` starts with `/api/`. Answers the parsed JSON (or null for 204). */
  async call<T>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.send(method, path, body, headers);
    if (!response.ok) throw await apiError(response);
    if (response.status === 204) return null as T;
    // The examples read documented fields of the API's JSON answers.
    return (await response.json()) as T;
  }

  /** The raw answer, for callers that look at the status themselves (long polls, tests). */
  send(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
    const all: Record<string, string> = { ...headers };
    if ('bearer' in this.auth) all.authorization = `Bearer ${this.auth.bearer}`;
    else {
      all.cookie = this.auth.cookie;
      if (method !== 'GET') all['x-csrf-token'] = this.auth.csrfToken;
    }
    if (body !== undefined) all['content-type'] = 'application/json';
    return fetch(`${this.baseUrl}${path}`, { method, headers: all, ...(body === undefined ? {} : { body: JSON.stringify(body) }), ...(signal ? { signal } : {}) });
  }
}

/** Reads an error answer into a `LinliApiError` (falls back to the raw text). */
export async function apiError(response: Response): Promise<LinliApiError> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as { code?: unknown; message?: unknown; details?: unknown };
    return new LinliApiError(response.status, String(parsed.code ?? 'HTTP'), String(parsed.message ?? text), parsed.details ?? {});
  } catch {
    return new LinliApiError(response.status, 'HTTP', text.slice(0, 500), {});
  }
}

/** An environment variable the example needs, with a message naming it when it is missing. */
export function requiredEnv(name: string, what: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(`缺少环境变量 ${name}（${what}）/ missing environment variable ${name} (${what})`);
  }
  return value.trim();
}

/** The server's address: `LINLI_URL`, default the address `npm start` listens on. */
export function serverUrl(): string {
  return process.env.LINLI_URL?.trim() || 'http://127.0.0.1:3000';
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
