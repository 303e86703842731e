// Notifications and escalation as one Fastify plugin: the SSE hub every instance holds, the
// engine's metrics, and the routes (live events, preferences, admin: policies, deliveries,
// webhooks). Registered once in src/http/app.ts.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { engineMetrics, registerClockInvariantGauge, registerOutboxGauge } from '../../jobs/metrics.ts';
import { SseHub } from '../../jobs/sse.ts';
import { deliveryRoutes } from './delivery-routes.ts';
import { eventsRoute } from './events-route.ts';
import { policyRoutes } from './policy-routes.ts';
import { preferenceRoutes } from './preference-routes.ts';
import { webhookRoutes } from './webhook-routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    sseHub: SseHub;
  }
}

export const notifications = fp(async (app: FastifyInstance) => {
  app.decorate('sseHub', new SseHub());
  engineMetrics(app.metrics);
  registerOutboxGauge(app.metrics, app.deps.database.db);
  registerClockInvariantGauge(app.metrics, app.deps.database.db);
  // Open event streams would otherwise keep the server from closing.
  app.addHook('preClose', async () => app.sseHub.close());
  for (const routes of [eventsRoute, preferenceRoutes, policyRoutes, deliveryRoutes, webhookRoutes]) {
    await app.register(routes, { prefix: '/api/v1' });
  }
});
