import type { SessionDto } from '../../shared/api/auth.ts';
import { client, ok, setCsrfToken } from './api.ts';

export type Session = SessionDto;

export async function fetchSession(): Promise<Session | null> {
  try {
    const s = await ok(client.GET('/api/v1/auth/me'));
    setCsrfToken(s.csrfToken);
    return s;
  } catch {
    return null;
  }
}

export async function logIn(username: string, password: string): Promise<Session> {
  const s = await ok(client.POST('/api/v1/auth/login', { body: { username, password } }));
  setCsrfToken(s.csrfToken);
  return s;
}

/**
 * The second step for privileged roles: the one-time code from the authenticator app. The server
 * answers with a new session cookie and a new CSRF token (the pre-code ones are dead).
 */
export async function verifyCode(code: string): Promise<Session> {
  const s = await ok(client.POST('/api/v1/auth/totp/verify', { body: { code } }));
  setCsrfToken(s.csrfToken);
  return s;
}

export function startTotpSetup(): Promise<{ secret: string; otpauthUri: string }> {
  return ok(client.POST('/api/v1/auth/totp/setup'));
}

export async function logOut(): Promise<void> {
  await ok(client.POST('/api/v1/auth/logout'));
  setCsrfToken(null);
}
