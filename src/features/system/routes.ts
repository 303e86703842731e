// Operational endpoints at the root: liveness, readiness, metrics. Public by design; they carry
// no personal data.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const Health = z.object({ status: z.literal('ok') });
const Ready = z.object({
  status: z.enum(['ready', 'not_ready']),
  database: z.enum(['pglite', 'postgres']),
  checks: z.object({ database: z.boolean(), migrations: z.boolean() }),
});

const Info = z.object({ demoMode: z.boolean(), database: z.enum(['pglite', 'postgres']), oidc: z.boolean() });

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
      schema: { tags: ['system'], summary: 'What the login page needs to know', response: { 200: Info } },
    },
    async () => ({ demoMode: app.deps.config.demoMode, database: database.kind, oidc: app.deps.config.oidc !== null }),
  );

  app.get(
    '/metrics',
    { config: { public: true }, schema: { hide: true } },
    async (_request, reply) => {
      reply.type(app.metrics.contentType);
      return app.metrics.metrics();
    },
  );
};
