import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTransaction } from '../../db/transaction.ts';
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
import { SESSION_COOKIE } from './session-token.ts';
import { hitLoginRate, LOGIN_RATE_WINDOW_MS } from './login-rate-limit.ts';
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

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: 'login' },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password; sets the session cookie. Privileged roles then need /auth/totp/verify (mfaRequired).',
        body: LoginBody,
        response: { 200: SessionDto },
      },
    },
    async (request, reply) => {
      const result = await logIn(database.db, {
        ...request.body,
        requestId: request.id,
        absoluteHours: config.sessionAbsoluteHours,
      });
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: config.cookieSecure,
        expires: result.expiresAt,
      });
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
      const now = new Date();
      await touchSession(database.db, session.tokenHash, now);
      reply.header(IDLE_SECONDS_HEADER, String(Math.floor(config.sessionIdleMinutes * 60)));
      return presentSession(request.actor, { ...session, lastSeenAt: now }, config);
    },
  );

  app.post(
    '/auth/logout',
    { config: { allowPendingMfa: true }, schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (request.actor && token) await logOut(database.db, request.actor, token, request.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
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
      return withTransaction(database.db, (tx) => setUpTotp(tx, actor, request.id, config.secrets));
    },
  );

  app.post(
    '/auth/totp/verify',
    {
      config: { allowPendingMfa: true, rateLimit: 'login' },
      schema: {
        tags: ['auth'],
        summary: 'Verify a one-time code: completes enrolment and marks the session verified; wrong codes count toward lockout',
        body: TotpVerifyBody,
        response: { 200: SessionDto },
      },
    },
    async (request) => {
      const { actor, authSession } = request;
      authorize(actor, 'auth.totp');
      if (!authSession) throw new AppError('UNAUTHENTICATED');
      const now = new Date();
      await verifyTotp(database.db, { actor, tokenHash: authSession.tokenHash, code: request.body.code, requestId: request.id, secrets: config.secrets, now });
      return presentSession(actor, { ...authSession, lastSeenAt: now, mfaPending: false, mfaEnrolled: true }, config);
    },
  );

  await app.register(oidcRoutes);
};
