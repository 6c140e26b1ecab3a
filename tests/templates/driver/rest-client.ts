import type { FastifyInstance } from 'fastify';
import { signIn, type BrowserSession } from '../../../runtime/identity/testing/identity-fixtures.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A refused or failed request: the message carries the status and the server's error body. */
export class RestCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} → ${status} ${body}`);
  }
}

/** A query string from plain values (arrays repeat the key), undefined values left out. */
export function queryOf(values: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.append(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * One person signed in to the app the way the browser is: a session cookie and its CSRF token,
 * acting in one community at a time (`x-community`). The session lives 12 hours on the app's
 * clock, so when a scenario moves the clock past that the next call answers 401; the person
 * then signs in again, as they would in the browser.
 */
export class SignedInUser {
  private session: BrowserSession | undefined;

  constructor(
    private readonly app: FastifyInstance,
    readonly userId: string,
    private password: string,
  ) {}

  /** Signs in (again) with the current password. */
  async signIn(): Promise<void> {
    this.session = await signIn(this.app, this.userId, this.password);
  }

  /** Replaces a one-time password with one of the user's own, as the first sign-in demands. */
  async changePassword(newPassword: string, community: string): Promise<void> {
    await this.call(community, 'POST', '/api/auth/password', { currentPassword: this.password, newPassword });
    this.password = newPassword;
  }

  /** Calls the API in `community` (null: none, e.g. to create one); a 2xx answer's JSON (null for 204), else `RestCallError`. */
  async call<T>(community: string | null, method: Method, url: string, payload?: object): Promise<T> {
    if (this.session === undefined) await this.signIn();
    let response = await this.inject(community, method, url, payload);
    if (response.statusCode === 401) {
      await this.signIn();
      response = await this.inject(community, method, url, payload);
    }
    if (response.statusCode < 200 || response.statusCode >= 300) throw new RestCallError(response.statusCode, response.body, `${this.userId}: ${method} ${url}`);
    return (response.statusCode === 204 || response.body === '' ? null : response.json()) as T;
  }

  /** Every item of a paginated list (`{ items, nextCursor }`). */
  async all<T>(community: string, url: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const separator = url.includes('?') ? '&' : '?';
      const page: { items: T[]; nextCursor: string | null } = await this.call(community, 'GET', `${url}${separator}limit=200${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return items;
  }

  private inject(community: string | null, method: Method, url: string, payload: object | undefined) {
    const headers: Record<string, string> = { ...(this.session?.headers ?? {}), ...(community === null ? {} : { 'x-community': community }) };
    return this.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  }
}
