import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { logIn } from './log-in.ts';
import { logOut } from './log-out.ts';
import { presentSession } from './present.ts';
import { LoginBody, SessionDto } from './schemas.ts';
import { SESSION_COOKIE } from './session-token.ts';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, database } = app.deps;

  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password; sets the session cookie',
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
      return presentSession(result.actor, result.csrfToken, config.sessionIdleMinutes, result.expiresAt);
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'The current session', response: { 200: SessionDto } } },
    async (request) => {
      if (!request.actor || !request.sessionCsrf) throw new AppError('UNAUTHENTICATED');
      return presentSession(request.actor, request.sessionCsrf, config.sessionIdleMinutes);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (request.actor && token) await logOut(database.db, request.actor, token, request.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};
