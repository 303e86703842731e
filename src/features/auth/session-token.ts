import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'envagin_session';

/**
 * The session cookie's name: with Secure cookies (always outside demo mode) the `__Host-` prefix,
 * which browsers accept only with Secure, Path=/ and no Domain, so no sibling host or plain-http
 * page can plant or overwrite it.
 */
export function sessionCookieName(config: { cookieSecure: boolean }): string {
  return config.cookieSecure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/** The session cookie's attributes (never a Domain: __Host- forbids one, and no subdomain needs it). */
export function sessionCookieOptions(config: { cookieSecure: boolean }, expires: Date) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.cookieSecure, expires };
}
export const CSRF_HEADER = 'x-csrf-token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored, so a leaked sessions table cannot be replayed as cookies. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
