// The web app's only door to the server. Errors come back as typed problems; the text the user
// sees is chosen by error code from the shared catalogue, never taken from the server's words.
import { isProblem, type ErrorCode, type Problem } from '../../shared/errors.ts';
import { errorMessage } from '../../shared/messages.ts';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly problem: Problem | null,
  ) {
    super(errorMessage(code));
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken && method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError('SERVICE_UNAVAILABLE', null);
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isProblem(data)) throw new ApiError(data.code, data);
    throw new ApiError(response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', null);
  }
  return data as T;
}
