// Gallring (DESIGN.md rule 7): once a case has been finished (closed, forwarded or returned) for
// the configured period, its personal data is removed while what statistics need stays: dates,
// statuses, municipalities, age at receipt, basis, handling and the outcomes of the assessments.
// Each kind of data has its own period; every purged case gets an audit row; a dry run reports
// what would go without changing anything.
import { sql } from 'drizzle-orm';
import type { RetentionPeriods } from '../../config.ts';
import { queryRows } from '../../db/query-rows.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { Db, Tx } from '../../db/types.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { now as readClock } from '../../jobs/clock-source.ts';

export type DataKind = 'report' | 'thread' | 'contact_log';

const PURGE_LOCK = 7_281_946_301;

export interface PurgePlan {
  kind: DataKind;
  cutoff: Date;
  caseNumbers: string[];
}

const finishedBefore = (cutoff: Date) =>
  sql`coalesce(c.closed_at, case when c.status in ('forwarded', 'returned') then c.updated_at end) < ${cutoff.toISOString()}::timestamptz
      and c.status in ('closed', 'forwarded', 'returned')`;

/** Which cases still hold data of each kind past its period. */
async function plan(db: Db | Tx, periods: RetentionPeriods, now: Date, limit: number): Promise<PurgePlan[]> {
  const cutoff = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const kinds: [DataKind, Date, ReturnType<typeof sql>][] = [
    ['report', cutoff(periods.reportDays), sql`c.purged_at is null`],
    ['thread', cutoff(periods.threadDays), sql`exists (select 1 from case_messages m where m.case_id = c.id and m.body is not null)`],
    ['contact_log', cutoff(periods.contactLogDays), sql`exists (select 1 from contact_attempts a where a.case_id = c.id and a.note is not null)`],
  ];
  const plans: PurgePlan[] = [];
  for (const [kind, at, holds] of kinds) {
    const rows = await queryRows<{ number: string }>(
      db,
      sql`select c.number from cases c where ${finishedBefore(at)} and ${holds} order by c.received_at limit ${limit}`,
    );
    plans.push({ kind, cutoff: at, caseNumbers: rows.map((r) => r.number) });
  }
  return plans;
}

const list = (numbers: string[]) => sql.join(numbers.map((n) => sql`${n}`), sql`, `);

const purgeSql: Record<DataKind, (numbers: string[]) => ReturnType<typeof sql>> = {
  report: (numbers) => sql`
    with purged as (
      update cases set
        report = null, identity_number = null, return_reason = null, accepted_by_name = null, override_reason = null,
        skyddsbedomning = case when skyddsbedomning is null then null else jsonb_build_object('outcome', skyddsbedomning->'outcome') end,
        forhandsbedomning = case when forhandsbedomning is null then null
          else jsonb_build_object('decision', forhandsbedomning->'decision', 'decidedOn', forhandsbedomning->'decidedOn') end,
        feedback = case when feedback is null then null
          else jsonb_build_object('withheld', feedback->'withheld', 'investigation', feedback->'investigation') end,
        forwarded_to = case when forwarded_to is null then null else jsonb_build_object('municipalityCode', forwarded_to->'municipalityCode') end,
        purged_at = now()
      where number in (${list(numbers)}) returning id
    )
    update case_events set data = '{}'::jsonb where case_id in (select id from purged)`,
  thread: (numbers) => sql`update case_messages set body = null where case_id in (select id from cases where number in (${list(numbers)}))`,
  contact_log: (numbers) => sql`update contact_attempts set note = null where case_id in (select id from cases where number in (${list(numbers)}))`,
};

export interface PurgeResult {
  dryRun: boolean;
  plans: PurgePlan[];
}

/** Purges (or, dry, lists) up to `batch` cases per kind; call again until nothing is left. */
export async function purgePersonalData(db: Db, opts: { periods: RetentionPeriods; now: Date; dryRun: boolean; batch?: number }): Promise<PurgeResult> {
  const batch = opts.batch ?? 500;
  if (opts.dryRun) return { dryRun: true, plans: await plan(db, opts.periods, opts.now, batch) };
  const plans = await withTransaction(db, async (tx) => {
    // One purger at a time across instances; the others find nothing to do this round.
    const [lock] = await queryRows<{ got: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${PURGE_LOCK}) as got`);
    if (!lock?.got) return [];
    const todo = await plan(tx, opts.periods, opts.now, batch);
    for (const p of todo) {
      if (p.caseNumbers.length === 0) continue;
      await tx.execute(purgeSql[p.kind](p.caseNumbers));
      await recordAudit(tx, {
        actor: null,
        action: 'retention.purged',
        subjectType: 'case',
        details: { kind: p.kind, cutoff: p.cutoff.toISOString(), caseNumbers: p.caseNumbers },
      });
    }
    return todo;
  });
  return { dryRun: false, plans };
}

/**
 * Everything due, batch after batch until a batch finds nothing (or another instance holds the
 * lock), at most `maxRounds` batches; a dry run plans one batch. `onPlans` sees each batch's
 * plans (the CLI lists a dry run's case numbers). Returns the number of cases per kind of data.
 */
export async function purgeAllPersonalData(
  db: Db,
  opts: { periods: RetentionPeriods; dryRun: boolean; maxRounds?: number; onPlans?: (plans: readonly PurgePlan[]) => void; now?: () => Date },
): Promise<Record<DataKind, number>> {
  const totals: Record<DataKind, number> = { report: 0, thread: 0, contact_log: 0 };
  for (let round = 0; round < (opts.maxRounds ?? Infinity); round++) {
    const { plans } = await purgePersonalData(db, { periods: opts.periods, now: (opts.now ?? readClock)(), dryRun: opts.dryRun, batch: 500 });
    opts.onPlans?.(plans);
    for (const p of plans) totals[p.kind] += p.caseNumbers.length;
    if (opts.dryRun || plans.every((p) => p.caseNumbers.length === 0)) break;
  }
  return totals;
}
