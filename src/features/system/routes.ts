// Operational endpoints at the root: liveness and readiness (public: a load balancer asks them),
// metrics (open only in demo mode; otherwise for a bearer METRICS_TOKEN, or on a listener of
// their own, src/http/metrics-listener.ts), and what the login page needs to know (public, and
// nothing more unless an admin asks).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sameToken } from '../auth/session-token.ts';
import { AppError } from '../../shared/errors.ts';

const Health = z.object({ status: z.literal('ok') });
const Ready = z.object({
  status: z.enum(['ready', 'not_ready']),
  database: z.enum(['pglite', 'postgres']),
  checks: z.object({ database: z.boolean(), migrations: z.boolean() }),
});

const Info = z.object({
  demoMode: z.boolean(),
  oidc: z.boolean(),
  /** Only for a logged-in admin: which database the installation runs on. */
  database: z.enum(['pglite', 'postgres']).optional(),
});

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.deps;

  app.get(
    '/health',
    { config: { public: true }, schema: { tags: ['system'], summary: 'Process is up', response: { 200: Health } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Database reachable and all migrations applied',
        response: { 200: Ready, 503: Ready },
      },
    },
    async (_request, reply) => {
      let reachable = false;
      let migrated = false;
      try {
        await database.ping();
        reachable = true;
        const { applied, expected } = await database.migrationStatus();
        migrated = applied >= expected;
      } catch {
        // Reported through the body and status; the reason is in the database's own logs.
      }
      const ready = reachable && migrated;
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        database: database.kind,
        checks: { database: reachable, migrations: migrated },
      });
    },
  );

  app.get(
    '/api/v1/system/info',
    {
      config: { public: true },
      schema: { tags: ['system'], summary: 'What the login page needs to know (and, for an admin, the database kind)', response: { 200: Info } },
    },
    async (request) => ({
      demoMode: app.deps.config.demoMode,
      oidc: app.deps.config.oidc !== null,
      ...(request.actor?.role === 'admin' ? { database: database.kind } : {}),
    }),
  );

  const { metrics } = app.deps.config;
  app.get(
    '/metrics',
    { config: { public: true }, schema: { hide: true } },
    async (request, reply) => {
      if (!metrics.open) {
        // Not on this port at all unless a token is configured: answer as for any unknown path.
        if (metrics.token === null) throw new AppError('NOT_FOUND');
        const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
        if (!given || !sameToken(given, metrics.token)) {
          reply.header('www-authenticate', 'Bearer realm="metrics"');
          throw new AppError('UNAUTHENTICATED');
        }
      }
      reply.type(app.metrics.contentType);
      return app.metrics.metrics();
    },
  );
};
