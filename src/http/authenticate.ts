// Authenticates every request from its session cookie and enforces CSRF on unsafe methods.
// Routes opt out with `config: { public: true }`; unknown routes fall through to the 404
// handler so that a probe for a path learns nothing more than "not found".
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { findLiveSession, toActor, touchSession } from '../features/auth/queries.ts';
import { CSRF_HEADER, hashToken, sameToken, SESSION_COOKIE } from '../features/auth/session-token.ts';
import { AppError } from '../shared/errors.ts';

/** lastSeenAt is written at most this often, to keep reads from becoming writes. */
const TOUCH_EVERY_MS = 60_000;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function resolveActor(app: FastifyInstance, request: FastifyRequest) {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 200) return;
  const now = new Date();
  const hash = hashToken(token);
  const found = await findLiveSession(app.deps.database.db, hash, now, app.deps.config.sessionIdleMinutes);
  if (!found) return;
  request.actor = toActor(found.user, found.org);
  request.sessionCsrf = found.session.csrfToken;
  if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await touchSession(app.deps.database.db, hash, now);
  }
}

export const authenticate = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionCsrf', null);
  app.addHook('onRequest', async (request) => {
    const isRoute = Boolean(request.routeOptions.url);
    if (!isRoute || request.routeOptions.config.public) {
      // Public routes still learn who is calling when a session exists (e.g. /auth/me-like pages).
      if (isRoute) await resolveActor(app, request);
      return;
    }
    await resolveActor(app, request);
    if (!request.actor) throw new AppError('UNAUTHENTICATED');
    if (UNSAFE.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !request.sessionCsrf || !sameToken(sent, request.sessionCsrf)) {
        throw new AppError('CSRF_REJECTED');
      }
    }
  });
});
