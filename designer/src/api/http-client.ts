import { ApiError } from './api-error.js';

export type QueryValue = string | number | boolean | undefined | null | readonly string[];

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly query?: Record<string, QueryValue>;
  readonly body?: unknown;
  readonly form?: FormData;
  readonly signal?: AbortSignal;
}

/**
 * What every request carries besides the session cookie: the CSRF token of the session (sent
 * on writes) and the community the user is working in (a user may hold roles in several).
 */
export const requestContext: { csrfToken: string | null; community: string | null; devIdentity: DevIdentity | null } = {
  csrfToken: null,
  community: null,
  devIdentity: null,
};

/**
 * The runtime's development stand-in for sign-in (headers `x-user`/`x-groups`), for pages
 * previewed against a server without sessions; the app itself never sets it.
 */
export interface DevIdentity {
  readonly userId: string;
  readonly displayName: string;
  readonly community: string;
  readonly groups: readonly string[];
}

/** Called when the server says the session is gone, so the app can send the user to sign in. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** For other channels (the live-update socket) that learn the session has ended. */
export function reportUnauthenticated(): void {
  onUnauthenticated?.();
}

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((item: string) => params.append(name, item));
    else params.append(name, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Calls the REST API and returns its JSON; throws `ApiError` for every non-2xx answer. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (requestContext.community !== null) headers['x-community'] = requestContext.community;
  if (requestContext.devIdentity !== null) {
    headers['x-user'] = requestContext.devIdentity.userId;
    headers['x-groups'] = requestContext.devIdentity.groups.join(',');
  }
  if (method !== 'GET' && requestContext.csrfToken !== null) headers['x-csrf-token'] = requestContext.csrfToken;
  let body: FormData | string | undefined;
  if (options.form !== undefined) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`/api${path}${buildQuery(options.query)}`, {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
  const text = await response.text();
  let parsed: unknown = null;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    const code = typeof record.code === 'string' ? record.code : `HTTP_${response.status}`;
    const message = typeof record.message === 'string' ? record.message : response.statusText;
    const details = typeof record.details === 'object' && record.details !== null ? (record.details as Record<string, unknown>) : {};
    if (response.status === 401 && onUnauthenticated !== null && !path.startsWith('/auth/')) onUnauthenticated();
    throw new ApiError(response.status, code, message, details);
  }
  // The server's OpenAPI schema describes T; the page reads only documented fields.
  return parsed as T;
}
