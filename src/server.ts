// `envagin serve`: open the database, migrate, seed the demo data on first start in demo mode
// (only then: `serve --demo` or DEMO_MODE; the CLI has refused to get here without the secrets
// otherwise), listen (and for metrics on METRICS_PORT when set), and shut down gracefully on SIGTERM/SIGINT (stop accepting, finish in-flight requests,
// close the database). A second signal forces the exit.
import closeWithGrace from 'close-with-grace';
import { requireSecrets, type Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { DEMO_PASSWORD, demoUsers } from './features/directory/demo-people.ts';
import { isEmptyInstallation, seedDemo } from './features/directory/seed-demo.ts';
import { seedDemoHistory } from './features/statistics/seed-demo-history.ts';
import { seedDemoRequests } from './features/information-requests/seed-demo-requests.ts';
import { buildApp } from './http/app.ts';
import { listenForMetrics } from './http/metrics-listener.ts';
import { ensureDefaultPolicies } from './jobs/policies.ts';
import { createEngine } from './jobs/start-engine.ts';
import { schedulePurge } from './features/retention/schedule-purge.ts';
import { resealSecrets } from './features/system/reseal-secrets.ts';
import { backfillCaseFacts } from './facts/case-facts-store.ts';

export async function serve(config: Config): Promise<void> {
  requireSecrets(config);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize });
  await database.migrate();
  // The default escalation policies are not demo data: every installation needs them.
  await ensureDefaultPolicies(database.db);
  // Cases filed before the statistics' facts existed get theirs (idempotent; none on later starts).
  const backfilled = await backfillCaseFacts(database.db);
  // Secrets sealed under the previous key are sealed under SECRETS_KEY; a key that opens none of
  // them stops the start here, before anything could fail to sign or verify.
  const resealed = await resealSecrets(database.db, config.secrets);
  const app = await buildApp({ config, database });
  if (backfilled > 0) app.log.info({ cases: backfilled }, 'statistics facts written for cases that had none');
  const { totpSecrets, webhookSecrets, inClear } = resealed;
  if (totpSecrets + webhookSecrets > 0) app.log.info({ totpSecrets, webhookSecrets }, 'stored secrets resealed under the current key');
  // Counts only: which accounts, `envagin migrate` tells the operator.
  if (inClear.users.length + inClear.webhooks.length > 0) {
    app.log.warn({ totpSecrets: inClear.users.length, webhookSecrets: inClear.webhooks.length }, 'secrets stored in clear are refused: reset those TOTPs and rotate those webhook secrets (envagin migrate lists them)');
  }

  if (config.demoMode && (await isEmptyInstallation(database.db))) {
    const { inserted } = await seedDemo(database.db, config.secrets);
    // Fictional statistics history, so the dashboard shows something on the first start.
    const history = await seedDemoHistory(database.db, app.now());
    // A demo case with information requests in every state, made through the API (issue 20).
    const requests = config.demoSampleCase ? await seedDemoRequests(app) : 0;
    app.log.info({ inserted, history, requests }, 'demo data seeded on first start');
  }

  const engine = config.engine.enabled ? createEngine(app) : null;
  const stopPurge = config.engine.enabled ? schedulePurge(database.db, config.retention, app.log, undefined, () => app.now()) : () => {};
  const metricsServer = config.metrics.listener ? await listenForMetrics(app.metrics, config.metrics.listener) : null;
  closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an unexpected error');
    else app.log.info({ signal }, 'shutting down');
    // The engine first: stop claiming, finish in-flight sends, hand back leases.
    stopPurge();
    await engine?.stop();
    // A scraper's keep-alive connection must not hold the process open.
    metricsServer?.close();
    metricsServer?.closeAllConnections();
    await app.close();
    await database.close();
  });

  await app.listen({ port: config.port, host: config.host });
  await engine?.start();
  if (config.demoMode) {
    // Printed to the terminal only, never logged as structured data, never in production.
    process.stdout.write(
      `\n  envagin (DEMO) på ${config.publicUrl}  ·  databas: ${database.kind === 'pglite' ? `PGlite i ${config.dataDir}` : 'PostgreSQL'}\n` +
        `  Demoanvändare (lösenord "${DEMO_PASSWORD}"): ${demoUsers.map((u) => u.username).join(', ')}\n\n`,
    );
  }
}
