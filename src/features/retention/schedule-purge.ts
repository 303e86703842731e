// Runs gallring in the server on a schedule (and once shortly after start): cases' personal
// data, then finished notification deliveries, spent password links and decided access requests, batch after batch until nothing is left, so a
// backlog never holds one long transaction, the login rate limit's finished windows and the
// login throttle's rows idle for a day.
// Several instances may run it; each purge's advisory lock lets one work at a time.
import type { FastifyBaseLogger } from 'fastify';
import type { RetentionPeriods } from '../../config.ts';
import type { Db } from '../../db/types.ts';
import { LOGIN_RATE_WINDOW_MS, purgeLoginRateWindows } from '../auth/login-rate-limit.ts';
import { purgeLoginThrottles } from '../auth/login-throttle.ts';
import { purgeAccountRecords } from './purge-account-records.ts';
import { purgeAllFinishedDeliveries } from './purge-finished-deliveries.ts';
import { purgeAllPersonalData } from './purge-personal-data.ts';
import { now } from '../../jobs/clock-source.ts';

export function schedulePurge(
  db: Db,
  periods: RetentionPeriods,
  log: FastifyBaseLogger,
  everyMs = 6 * 3_600_000,
  clock: () => Date = now,
): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const totals = await purgeAllPersonalData(db, { periods, dryRun: false, maxRounds: 1000, now: clock });
      const purged = totals.report + totals.thread + totals.contact_log;
      const deliveries = await purgeAllFinishedDeliveries(db, { days: periods.outboxDays, dryRun: false, maxRounds: 1000, now: clock });
      const accounts = await purgeAccountRecords(db, { periods, now: clock(), dryRun: false });
      await purgeLoginRateWindows(db, clock(), LOGIN_RATE_WINDOW_MS);
      await purgeLoginThrottles(db, clock());
      if (purged > 0 || deliveries > 0 || accounts.passwordLinks > 0 || accounts.accessRequests > 0) {
        log.info({ purged, deliveries, passwordLinks: accounts.passwordLinks, accessRequests: accounts.accessRequests }, 'gallring done');
      }
    } catch (error) {
      log.error({ err: { name: (error as Error).name, code: (error as { code?: string }).code } }, 'gallring failed; retried at the next run');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
