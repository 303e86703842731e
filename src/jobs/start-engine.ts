// Builds the engine for a running app: its database, directory cache, SSE hub and metrics.
// server.ts starts it after listen; tests build it with a manual clock and call runOnce.
import type { FastifyInstance } from 'fastify';
import type { Clock } from './clock-source.ts';
import { Engine, type EngineOptions } from './engine.ts';

export function createEngine(app: FastifyInstance, overrides: Partial<EngineOptions> & { clock?: Clock } = {}): Engine {
  const { config, database } = app.deps;
  return new Engine({
    database,
    databaseUrl: config.databaseUrl,
    personKey: config.auditPersonKey,
    directory: () => app.directoryCache.get(database.db),
    hub: app.sseHub,
    metrics: app.metrics,
    email: { smtpUrl: config.engine.smtpUrl, mailFrom: config.engine.mailFrom, publicUrl: config.publicUrl, demoOutbox: config.demoMode && !config.engine.smtpUrl },
    secrets: config.secrets,
    webhookTargets: config.webhookTargets,
    pollMs: config.engine.pollMs,
    batchSize: config.engine.batchSize,
    retryBaseMs: config.engine.retryBaseMs,
    log: app.log,
    ...overrides,
  });
}
