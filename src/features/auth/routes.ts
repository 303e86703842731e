import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withAuthTransaction } from '../../db/actor-transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { AppError } from '../../shared/errors.ts';
import { IDLE_SECONDS_HEADER } from '../../shared/headers.ts';
import { logIn } from './log-in.ts';
import { logOut } from './log-out.ts';
import { oidcRoutes } from './oidc-routes.ts';
import { presentSession } from './present.ts';
import { touchSession } from './queries.ts';
import { SessionDto, TotpSetupDto } from '../../shared/api/auth.ts';
import { LoginBody, TotpVerifyBody } from './schemas.ts';
import { sessionCookieName, sessionCookieOptions } from './session-token.ts';
import { hitLoginRate, LOGIN_RATE_WINDOW_MS } from './login-rate-limit.ts';
import { beginAttempt, throttleKey, type ThrottleKey } from './login-throttle.ts';
import { unlockRoutes } from './unlock-routes.ts';
import { passwordLinkRoutes } from '../users/password-routes.ts';
import { wallClock } from './wall-clock.ts';
import { setUpTotp } from './set-up-totp.ts';
import { verifyTotp } from './verify-totp.ts';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, database } = app.deps;

  // Password and one-time-code guessing share one budget per client address (login-rate-limit.ts).
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.rateLimit !== 'login') return;
    const decision = await hitLoginRate(database.db, {
      key: config.loginRateKey,
      address: request.ip,
      limit: config.loginRateLimitPerMinute,
      windowMs: LOGIN_RATE_WINDOW_MS,
      now: app.now(),
    });
    if (decision.allowed) return;
    reply.header('retry-after', String(decision.retryAfterSeconds));
    request.log.warn({ event: 'auth.rate_limited' }, 'login rate limit reached');
    throw new AppError('RATE_LIMITED');
  });

  /**
   * Counts an attempt against its (username, address) throttle, or refuses it (429, Retry-After)
   * while the wait after the last failures runs: the same answer whether the username exists.
   */
  async function admit(reply: FastifyReply, username: string, address: string): Promise<ThrottleKey> {
    const key = throttleKey(config.loginRateKey, username, address);
    const decision = await beginAttempt(database.db, key, app.now());
    if (decision.allowed) return key;
    reply.header('retry-after', String(decision.retryAfterSeconds));
    throw new AppError('RATE_LIMITED');
  }

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: 'login', problems: [401] },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password; sets the session cookie. Privileged roles then need /auth/totp/verify (mfaRequired).',
        body: LoginBody,
        response: { 200: SessionDto },
      },
    },
    async (request, reply) => {
      const throttle = await admit(reply, request.body.username, request.ip);
      const result = await logIn(database.db, {
        ...request.body,
        requestId: request.id,
        absoluteHours: config.sessionAbsoluteHours,
        throttle,
        demoMode: config.demoMode,
        now: wallClock(),
      });
      reply.setCookie(sessionCookieName(config), result.token, sessionCookieOptions(config, result.expiresAt));
      reply.header(IDLE_SECONDS_HEADER, String(Math.floor(config.sessionIdleMinutes * 60)));
      return presentSession(result.actor, { ...result, mfaPending: result.mfaPending }, config);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { allowPendingMfa: true },
      schema: { tags: ['auth'], summary: 'The current session; calling it counts as activity and extends the idle timeout', response: { 200: SessionDto } },
    },
    async (request, reply) => {
      const session = request.authSession;
      if (!request.actor || !session) throw new AppError('UNAUTHENTICATED');
      // An explicit "continue working": extend now, not at the next periodic touch.
      const now = wallClock();
      await withAuthTransaction(database.db, (tx) => touchSession(tx, session.tokenHash, now));
      reply.header(IDLE_SECONDS_HEADER, String(Math.floor(config.sessionIdleMinutes * 60)));
      return presentSession(request.actor, { ...session, lastSeenAt: now }, config);
    },
  );

  app.post(
    '/auth/logout',
    { config: { allowPendingMfa: true }, schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[sessionCookieName(config)];
      if (request.actor && token) await logOut(database.db, request.actor, token, request.id);
      reply.clearCookie(sessionCookieName(config), { path: '/', secure: config.cookieSecure });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/totp/setup',
    {
      config: { allowPendingMfa: true },
      schema: {
        tags: ['auth'],
        summary: 'Start TOTP enrolment: returns the secret and its otpauth:// URI once (409 when already enrolled)',
        response: { 200: TotpSetupDto },
      },
    },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'auth.totp');
      return withAuthTransaction(database.db, (tx) => setUpTotp(tx, actor, request.id, config.secrets));
    },
  );

  app.post(
    '/auth/totp/verify',
    {
      config: { allowPendingMfa: true, rateLimit: 'login' },
      schema: {
        tags: ['auth'],
        summary:
          'Verify a one-time code: completes enrolment and replaces the session cookie and CSRF token with new ones (the waiting session is ended); wrong codes slow the next attempts like wrong passwords',
        body: TotpVerifyBody,
        response: { 200: SessionDto },
      },
    },
    async (request, reply) => {
      const { actor, authSession } = request;
      authorize(actor, 'auth.totp');
      if (!authSession) throw new AppError('UNAUTHENTICATED');
      const throttle = await admit(reply, actor.username, request.ip);
      const now = wallClock();
      const rotated = await verifyTotp(database.db, { actor, tokenHash: authSession.tokenHash, code: request.body.code, requestId: request.id, secrets: config.secrets, throttle, now });
      reply.setCookie(sessionCookieName(config), rotated.token, sessionCookieOptions(config, authSession.expiresAt));
      return presentSession(actor, { ...authSession, csrfToken: rotated.csrfToken, lastSeenAt: now, mfaPending: false, mfaEnrolled: true }, config);
    },
  );

  await app.register(unlockRoutes);
  await app.register(passwordLinkRoutes);
  await app.register(oidcRoutes);
};
