// Engine metrics on the app's Prometheus registry: time to claim and to acknowledge per
// municipality, deadline breaches, and the outbox backlog. One set per registry, so tests that
// build many apps do not collide.
import { sql } from 'drizzle-orm';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { queryRows } from '../db/query-rows.ts';
import type { Db } from '../db/types.ts';
import { findOpenCasesWithoutClock } from './clocks.ts';

export interface EngineMetrics {
  timeToClaim: Histogram<'municipality'>;
  timeToAcknowledge: Histogram<'municipality'>;
  breaches: Counter<'clock' | 'municipality'>;
  escalationFailures: Counter<'clock'>;
}

const sets = new WeakMap<Registry, EngineMetrics>();
// Seconds: from a minute to a day, around the 10- and 30-minute deadlines.
const buckets = [30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 7200, 14_400, 43_200, 86_400];

export function engineMetrics(registry: Registry): EngineMetrics {
  let set = sets.get(registry);
  if (!set) {
    set = {
      timeToClaim: new Histogram({ name: 'envagin_time_to_claim_seconds', help: 'From receipt to the hub claiming the case', labelNames: ['municipality'], buckets, registers: [registry] }),
      timeToAcknowledge: new Histogram({
        name: 'envagin_time_to_acknowledge_seconds',
        help: 'From handover to the receiving municipality acknowledging it',
        labelNames: ['municipality'],
        buckets,
        registers: [registry],
      }),
      breaches: new Counter({ name: 'envagin_deadline_breaches_total', help: 'Deadlines that passed without the awaited action', labelNames: ['clock', 'municipality'], registers: [registry] }),
      escalationFailures: new Counter({
        name: 'envagin_escalation_failures_total',
        help: 'Escalations that could not be built and were put back for a minute (alert on any)',
        labelNames: ['clock'],
        registers: [registry],
      }),
    };
    sets.set(registry, set);
  }
  return set;
}

/** The outbox backlog, read from the database at scrape time (so every instance reports the same truth). */
export function registerOutboxGauge(registry: Registry, db: Db): void {
  if (registry.getSingleMetric('envagin_outbox_pending')) return;
  new Gauge({
    name: 'envagin_outbox_pending',
    help: 'Notifications not yet delivered (pending, sending or awaiting retry)',
    registers: [registry],
    async collect() {
      // Three counts that each match one of the queues' partial indexes: the delivered history,
      // which only grows, is never read.
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`select ((select count(*) from outbox where status in ('pending', 'failed') and channel = 'sse')
                  + (select count(*) from outbox where status in ('pending', 'failed') and channel in ('email', 'webhook'))
                  + (select count(*) from outbox where status = 'sending'))::int as n`,
      );
      this.set(row?.n ?? 0);
    },
  });
}

/**
 * Open cases without a running clock, read at scrape time: must be 0 (DESIGN.md rule 5). Alert on
 * anything else; `envagin doctor` names the cases.
 */
export function registerClockInvariantGauge(registry: Registry, db: Db): void {
  if (registry.getSingleMetric('envagin_open_cases_without_clock')) return;
  new Gauge({
    name: 'envagin_open_cases_without_clock',
    help: 'Open cases with no running clock: nobody would be alerted about them (must be 0)',
    registers: [registry],
    async collect() {
      this.set((await findOpenCasesWithoutClock(db)).length);
    },
  });
}

/**
 * For the case feature, called after its transaction commits with the stopped clock from
 * stopClock: observes time to claim or to acknowledge. Other clocks are ignored.
 */
export function observeClockStopped(
  registry: Registry,
  stopped: { clock: string; startedAt: Date; stoppedAt: Date | null },
  municipalityCode: string | null,
): void {
  if (!stopped.stoppedAt) return;
  const seconds = Math.max(0, (stopped.stoppedAt.getTime() - stopped.startedAt.getTime()) / 1000);
  const m = engineMetrics(registry);
  const labels = { municipality: municipalityCode ?? 'okänd' };
  if (stopped.clock === 'claim') m.timeToClaim.observe(labels, seconds);
  if (stopped.clock === 'acknowledge') m.timeToAcknowledge.observe(labels, seconds);
}
