// The web app's only door to the server. Errors come back as typed problems; the text the user
// sees is chosen by error code from the shared catalogue, never taken from the server's words.
import { isProblem, type ErrorCode, type Problem } from '../../shared/errors.ts';
import { IDLE_SECONDS_HEADER } from '../../shared/headers.ts';
import { tError } from './i18n.ts';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly problem: Problem | null,
  ) {
    super(tError(code));
  }
}

/**
 * When the session ends if unused, in this browser's clock: every authenticated response says
 * how many seconds are left (IDLE_SECONDS_HEADER), so the warning needs no clock agreement with
 * the server and sees activity from every request.
 */
let idleDeadline: number | null = null;
const idleListeners = new Set<(deadline: number) => void>();
export function currentIdleDeadline(): number | null {
  return idleDeadline;
}
export function onIdleDeadline(listener: (deadline: number) => void): () => void {
  idleListeners.add(listener);
  return () => idleListeners.delete(listener);
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export async function api<T>(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken && method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError('SERVICE_UNAVAILABLE', null);
  }
  const idleSeconds = response.headers.get(IDLE_SECONDS_HEADER);
  if (idleSeconds !== null && /^[0-9]+$/.test(idleSeconds)) {
    idleDeadline = Date.now() + Number(idleSeconds) * 1000;
    for (const listener of idleListeners) listener(idleDeadline);
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isProblem(data)) throw new ApiError(data.code, data);
    throw new ApiError(response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', null);
  }
  return data as T;
}

/**
 * A file the server makes from a POST (a search whose body holds a personnummer, which must not
 * go in an address), saved by the browser under the name the server gives.
 */
export async function downloadFromPost(path: string, body: unknown, fallbackName: string): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError('SERVICE_UNAVAILABLE', null);
  }
  if (!response.ok) {
    const data: unknown = await response.json().catch(() => null);
    if (isProblem(data)) throw new ApiError(data.code, data);
    throw new ApiError(response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', null);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
