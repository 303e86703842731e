// Gallring of the notification outbox: a delivery that has finished (sent, or given up as dead)
// is deleted with its attempt history once RETENTION_OUTBOX_DAYS have passed. The rows hold no
// personal data of the child, but they do hold staff e-mail addresses and case numbers, and an
// outbox that only grows makes every look for due rows slower. Pending, failing and leased rows
// are never touched, however old. The audit log keeps its own record of every state change.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { Db } from '../../db/types.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { now } from '../../jobs/clock-source.ts';

const OUTBOX_PURGE_LOCK = 7_281_946_302;

export interface DeliveryPurge {
  dryRun: boolean;
  cutoff: Date;
  /** Deliveries deleted (or, dry, that would be) by this call. */
  count: number;
}

// When a delivery finished: a sent row has its sent_at; a dead one was settled with
// next_attempt_at set to the moment it was given up (settleAll, sweepExpiredLeases).
const finishedBefore = (cutoff: Date) =>
  sql`status in ('sent', 'dead') and coalesce(sent_at, next_attempt_at) < ${cutoff.toISOString()}::timestamptz`;

/**
 * Deletes (or, dry, counts) up to `batch` finished deliveries older than the period, oldest
 * first; call again until the count is below the batch. One instance at a time.
 */
export async function purgeFinishedDeliveries(db: Db, opts: { days: number; now: Date; dryRun: boolean; batch?: number }): Promise<DeliveryPurge> {
  const batch = opts.batch ?? 5000;
  const cutoff = new Date(opts.now.getTime() - opts.days * 86_400_000);
  if (opts.dryRun) {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from outbox where ${finishedBefore(cutoff)}`);
    return { dryRun: true, cutoff, count: row?.n ?? 0 };
  }
  const count = await withTransaction(db, async (tx) => {
    const [lock] = await queryRows<{ got: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${OUTBOX_PURGE_LOCK}) as got`);
    if (!lock?.got) return 0;
    // Walked in id order (creation order, which is roughly finishing order): the oldest rows
    // are found first and the scan stops at the batch.
    const rows = await queryRows<{ id: string | number }>(
      tx,
      sql`with doomed as (
            select id from outbox where ${finishedBefore(cutoff)} order by id limit ${batch} for update skip locked),
          attempts as (delete from outbox_attempts where outbox_id in (select id from doomed))
          delete from outbox where id in (select id from doomed) returning id`,
    );
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => Number(r.id));
    await recordAudit(tx, {
      actor: null,
      action: 'retention.outbox_purged',
      subjectType: 'outbox',
      details: { cutoff: cutoff.toISOString(), count: ids.length, fromId: Math.min(...ids), toId: Math.max(...ids) },
    });
    return ids.length;
  });
  return { dryRun: false, cutoff, count };
}

/**
 * Everything due, batch after batch until a batch finds nothing (or another instance holds the
 * lock), at most `maxRounds` batches; the dry run's count is already the whole. Returns the total.
 */
export async function purgeAllFinishedDeliveries(db: Db, opts: { days: number; dryRun: boolean; maxRounds?: number; now?: () => Date }): Promise<number> {
  let total = 0;
  for (let round = 0; round < (opts.maxRounds ?? Infinity); round++) {
    const { count } = await purgeFinishedDeliveries(db, { days: opts.days, now: (opts.now ?? now)(), dryRun: opts.dryRun });
    total += count;
    if (opts.dryRun || count === 0) break;
  }
  return total;
}
