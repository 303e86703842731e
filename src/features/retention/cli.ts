// `envagin purge [--dry-run]`: gallring by the configured periods. Runs in batches until nothing
// is left; the dry run lists case numbers per kind of data, never their content, and counts the
// finished notification deliveries, spent password links and decided access requests that would go.
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { now } from '../../jobs/clock-source.ts';
import { purgeAccountRecords } from './purge-account-records.ts';
import { purgeAllFinishedDeliveries } from './purge-finished-deliveries.ts';
import { purgeAllPersonalData } from './purge-personal-data.ts';

type WithDatabase = <T>(config: Config, work: (database: Database) => Promise<T>) => Promise<T>;

const labels = { report: 'anmälan och bedömningstexter', thread: 'frågor och svar', contact_log: 'anteckningar om samtal' } as const;

export async function purgeCommand(args: string[], config: Config, withDatabase: WithDatabase): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { 'dry-run': { type: 'boolean' } } });
  const dryRun = values['dry-run'] ?? false;
  await withDatabase(config, async (database) => {
    const totals = await purgeAllPersonalData(database.db, {
      periods: config.retention,
      dryRun,
      onPlans: (plans) => {
        if (!dryRun) return;
        for (const p of plans) if (p.caseNumbers.length > 0) process.stdout.write(`${labels[p.kind]}: ${p.caseNumbers.join(', ')}\n`);
      },
    });
    const deliveries = await purgeAllFinishedDeliveries(database.db, { days: config.retention.outboxDays, dryRun });
    const accounts = await purgeAccountRecords(database.db, { periods: config.retention, now: now(), dryRun });
    const verb = dryRun ? 'skulle gallras' : 'gallrade';
    process.stdout.write(
      `${verb}: ${totals.report} ärenden (${labels.report}), ${totals.thread} (${labels.thread}), ${totals.contact_log} (${labels.contact_log}), ${deliveries} avslutade notisleveranser, ${accounts.passwordLinks} förbrukade lösenordslänkar, ${accounts.accessRequests} avgjorda behörighetsbegäranden\n`,
    );
  });
  return 0;
}
