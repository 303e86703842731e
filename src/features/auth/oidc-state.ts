// The short-lived state of one OpenID Connect login (state, nonce, PKCE verifier), kept in the
// browser as an httpOnly cookie signed with HMAC-SHA256, so any instance can finish a login
// another one started, and nothing about it lives in the database. The key is derived from the
// client secret, which every instance already shares.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { wallClock } from './wall-clock.ts';

export const OIDC_STATE_COOKIE = 'envagin_oidc';
export const OIDC_STATE_TTL_SECONDS = 600;

export interface OidcLoginState {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Unix seconds after which the state is refused. */
  exp: number;
}

function key(clientSecret: string): Buffer {
  return createHash('sha256').update('envagin-oidc-state\n').update(clientSecret).digest();
}

export function sealState(value: OidcLoginState, clientSecret: string): string {
  const body = Buffer.from(JSON.stringify(value)).toString('base64url');
  const mac = createHmac('sha256', key(clientSecret)).update(body).digest('base64url');
  return `${body}.${mac}`;
}

/** The state, or null when the cookie is missing, tampered with, malformed or expired. */
export function openState(sealed: string | undefined, clientSecret: string, now = wallClock().getTime()): OidcLoginState | null {
  if (!sealed || sealed.length > 2000) return null;
  const [body, mac] = sealed.split('.');
  if (!body || !mac) return null;
  const expected = createHmac('sha256', key(clientSecret)).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<OidcLoginState>;
    if (typeof value.state !== 'string' || typeof value.nonce !== 'string' || typeof value.codeVerifier !== 'string' || typeof value.exp !== 'number') return null;
    if (value.exp * 1000 < now) return null;
    return value as OidcLoginState;
  } catch {
    return null;
  }
}
