import { accessToken, sessionRejected } from './auth/session.js';
import type { StaffConfig } from './config.js';

/**
 * The API client: same origin, `Authorization: Bearer <access token>`, JSON in and out. Errors carry
 * the API's own message (`{ error, field?, message }`) so screens can show it as it is.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let config: StaffConfig | undefined;
export function configureApi(c: StaffConfig): void {
  config = c;
}

export interface RequestOptions {
  body?: unknown;
  accept?: string;
  signal?: AbortSignal;
  /** Extra request headers (an Idempotency-Key). */
  headers?: Record<string, string>;
}

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const token = accessToken();
  if (!token) throw new ApiError(401, '');
  const headers: Record<string, string> = { ...options.headers, authorization: `Bearer ${token}`, accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'omit',
      cache: 'no-store',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, '');
  }
  if (res.ok) return res;
  let message = '';
  let code: string | undefined;
  let field: string | undefined;
  try {
    const body = (await res.json()) as { message?: unknown; error?: unknown; field?: unknown };
    if (typeof body.message === 'string') message = body.message;
    if (typeof body.error === 'string') code = body.error;
    if (typeof body.field === 'string') field = body.field;
  } catch {
    // no JSON body
  }
  if (res.status === 401 && config) sessionRejected(config);
  throw new ApiError(res.status, message, code, field);
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, options);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A non-JSON download (CSV): the response body as a Blob. */
export async function download(path: string, accept: string): Promise<Blob> {
  const res = await send('GET', path, { accept });
  return res.blob();
}

/** Builds `/api/...?a=b` with encoded query values; path segments are encoded by the caller with `seg`. */
export function apiPath(path: string, query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const seg = (value: string): string => encodeURIComponent(value);
