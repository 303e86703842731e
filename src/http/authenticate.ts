// Authenticates every request from its session cookie and enforces CSRF on unsafe methods. The
// session look-up runs as envagin_auth (src/db/actor-transaction.ts), never as the engine.
// Routes opt out with `config: { public: true }`; unknown routes fall through to the 404
// handler so that a probe for a path learns nothing more than "not found".
//
// A privileged role's session that has not yet passed its one-time code is not an
// authenticated actor: it reaches only routes marked `allowPendingMfa` (the TOTP endpoints,
// /auth/me, logout) and gets 403 MFA_REQUIRED everywhere else.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { withAuthTransaction } from '../db/actor-transaction.ts';
import { idleExpiresAt } from '../features/auth/present.ts';
import { findLiveSession, toActor, touchSession } from '../features/auth/queries.ts';
import { CSRF_HEADER, hashToken, sameToken, sessionCookieName } from '../features/auth/session-token.ts';
import { wallClock } from '../features/auth/wall-clock.ts';
import { requiresMfa } from '../policies/mfa.ts';
import { AppError } from '../shared/errors.ts';
import { IDLE_SECONDS_HEADER } from '../shared/headers.ts';
import type { Role } from '../shared/roles.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** lastSeenAt is written at most this often (a tenth of the idle window, at most a minute), to keep reads from becoming writes. */
function touchEveryMs(idleMinutes: number): number {
  return Math.min(60_000, (idleMinutes * 60_000) / 10);
}

async function resolveSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
  const { config, database } = app.deps;
  const token = request.cookies[sessionCookieName(config)];
  if (!token || token.length > 200) return;
  const now = wallClock();
  const hash = hashToken(token);
  // As envagin_auth, in one short transaction: look-up and, now and then, the touch.
  const looked = await withAuthTransaction(database.db, async (tx) => {
    const live = await findLiveSession(tx, hash, now, config.sessionIdleMinutes);
    if (!live) return null;
    const touch = now.getTime() - live.session.lastSeenAt.getTime() > touchEveryMs(config.sessionIdleMinutes);
    if (touch) await touchSession(tx, hash, now);
    return { found: live, lastSeenAt: touch ? now : live.session.lastSeenAt };
  });
  if (!looked) return;
  const { found, lastSeenAt } = looked;
  request.authSession = {
    tokenHash: hash,
    csrfToken: found.session.csrfToken,
    lastSeenAt,
    expiresAt: found.session.expiresAt,
    mfaPending: requiresMfa(found.user.role) && found.session.mfaVerifiedAt === null,
    mfaEnrolled: found.user.totpEnabledAt !== null,
    language: found.user.language,
  };
  const idleSeconds = Math.max(0, Math.floor((idleExpiresAt(request.authSession, config).getTime() - now.getTime()) / 1000));
  reply.header(IDLE_SECONDS_HEADER, String(idleSeconds));
  request.actor = toActor(found.user, found.org);
  request.sessionCsrf = found.session.csrfToken;
}

/**
 * The role of the user whose fully authenticated session the request carries, or null: for the
 * web app's shell, which is not a route (so the hook above does not run) and only uses the role
 * to tell the browser which screen's code to fetch. It neither touches the session nor answers
 * anything about it.
 */
export async function sessionRoleOf(app: FastifyInstance, request: FastifyRequest): Promise<Role | null> {
  const { config, database } = app.deps;
  const token = request.cookies[sessionCookieName(config)];
  if (!token || token.length > 200) return null;
  const found = await withAuthTransaction(database.db, (tx) => findLiveSession(tx, hashToken(token), wallClock(), config.sessionIdleMinutes));
  if (!found || (requiresMfa(found.user.role) && found.session.mfaVerifiedAt === null)) return null;
  return found.user.role;
}

export const authenticate = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionCsrf', null);
  app.decorateRequest('authSession', null);
  app.addHook('onRequest', async (request, reply) => {
    const isRoute = Boolean(request.routeOptions.url);
    if (!isRoute) return;
    const config = request.routeOptions.config;
    await resolveSession(app, request, reply);
    const pending = request.authSession?.mfaPending === true;
    if (config.public) {
      // Public routes still learn who is calling when a fully authenticated session exists.
      if (pending && !config.allowPendingMfa) request.actor = null;
      return;
    }
    if (!request.actor) throw new AppError('UNAUTHENTICATED');
    if (pending && !config.allowPendingMfa) throw new AppError('MFA_REQUIRED');
    if (UNSAFE.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !request.sessionCsrf || !sameToken(sent, request.sessionCsrf)) {
        throw new AppError('CSRF_REJECTED');
      }
    }
  });
});
