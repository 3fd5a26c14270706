/** The one way the UI talks to the API: same-origin fetch with the session cookie and CSRF header. */

export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status: number;
  readonly code?: string;
  readonly detail?: string;
  readonly lockedBy?: string;
  readonly lockedByName?: string;
  readonly lockedUntil?: number;
  readonly retryAfterSeconds?: number;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string | undefined;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `Request failed (${problem.status})`);
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a signed-in request answers 401: the session ended (idle time-out, sign-out elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

interface RequestOptions {
  readonly body?: unknown;
  /** Sent as is with this content type instead of JSON. */
  readonly raw?: { readonly contentType: string; readonly text: string };
  /** Sign-in and the first session check: a 401 there is an answer, not an expired session. */
  readonly expectUnauthorized?: boolean;
  /** Let the request outlive the page (releasing a lock when the tab closes). */
  readonly keepalive?: boolean;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...body, status: response.status };
  } catch {
    return { status: response.status, title: response.statusText };
  }
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (options.raw !== undefined) {
    headers['content-type'] = options.raw.contentType;
    body = options.raw.text;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (UNSAFE.has(method) && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store', keepalive: options.keepalive ?? false });
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && options.expectUnauthorized !== true) onUnauthorized?.();
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : 'Something went wrong');
