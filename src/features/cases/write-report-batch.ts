// One transaction for a batch of reports, in four statements whatever the batch size:
//  1. the actor's row-level-security context, time limits, which of the reports' Idempotency-Keys
//     are already taken (replays), the children's and the audit chains' locks, and the case
//     numbers of the new reports;
//  2. what the rows depend on, read after the locks: the children's open cases, the audit chains'
//     heads, the clocks' policies and the notifications' recipients;
//  3. one insert of the cases with their clocks, outbox rows and audit rows;
//  4. their timeline events (whose row-level security must see the cases).
// A batch with replays reads their cases in one more statement (find-filed-reports.ts). Each
// round trip waits behind every HTTP request the event loop has queued, so under load the number
// of statements, more than their size, decides how long a batch takes. Each report's rows commit
// together with its case or not at all.
import { sql, type SQL } from 'drizzle-orm';
import { actorContextSql } from '../../db/actor-transaction.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { queryRows } from '../../db/query-rows.ts';
import { auditLog, caseEvents, cases, deadlines, outbox } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { Db, Tx } from '../../db/types.ts';
import { decideRouting } from '../../domain/routing.ts';
import { clockStartedAudit, clockValues, wakeForClocks } from '../../jobs/clocks.ts';
import { outboxRowsFor, recipientLookupSql, type LookupRead } from '../../jobs/notify.ts';
import { choosePolicies, policyRowsSql, type StoredPolicy } from '../../jobs/policies.ts';
import { wakeEngine } from '../../jobs/wake.ts';
import { personRef } from '../../audit/person-ref.ts';
import { auditFields, CHAINS, chainHeadsSql, chainLocksSql, linkChains, randomIdInChain, type ChainHeads } from '../../audit/record-audit.ts';
import type { CreatedEffects } from './effects.ts';
import { caseNumbersSql, createCaseNumberSequence, formatCaseNumber, isMissingSequence } from './next-case-number.ts';
import { OPEN_STATUSES, type CaseRow } from './queries.ts';
import { findFiledReports, filedKeyOf, type Filed } from './find-filed-reports.ts';
import type { PreparedReport, SubmitContext } from './submit-report.ts';

/** What became of a report of the batch: a new case, or the case its key already holds. */
export type Written = { created: CaseRow } | { filed: Filed };

/** Advisory lock class (first key of the two-key form) for "a report on this child is being filed". */
const CHILD_LOCK = 5_120_326;

/**
 * Statement 1: the row-level-security context of the batch's actors, time limits, the keys
 * already taken, the locks of its children and of the audit chains its rows go to, each in the
 * order of their keys (so two transactions never wait for each other crosswise), and the case
 * numbers of the reports whose keys are free (a replay draws none). A batch that waits on a lock
 * or a statement longer than the limits fails with a "try again" (503) instead of holding the
 * queue: every later report waits for it. The keys are looked up before the locks are waited for,
 * as before any transaction: the key's unique index, not the lookup, stops a second case.
 * Planned on every call: as a prepared statement, its generic plan for the key lookup (chosen
 * while the table was small) cost 1.7 times the database CPU per report (bench/compare-filing.ts).
 */
async function enterFilingContext(tx: Tx, items: readonly PreparedReport[], children: string[], chains: number[]): Promise<{ numbers: Record<string, number[] | null>; replayed: string[] }> {
  const actor = items[0]!.actor;
  const childLocks = children.length
    ? sql`, (select count(pg_advisory_xact_lock(${CHILD_LOCK}, k)) from (select hashtext(n) as k from unnest(${sql.param(children)}::text[]) as n order by k) as sorted)`
    : sql``;
  const years = new Map([...new Set(items.map(yearOf))].map((year) => [year, sql`select count(*) from fresh where year = ${year}::int`]));
  const [row] = await queryRows<{ numbers: Record<string, number[] | null>; replayed: string[] }>(
    tx,
    sql`with batch as (select * from unnest(${sql.param(items.map((i) => i.idempotencyKey))}::text[], ${sql.param(items.map(yearOf))}::int[]) as k(key, year)),
        fresh as materialized (
          select key, year from batch
           where not exists (select 1 from cases c where c.reporter_org_id = ${actor.orgId} and c.idempotency_key = batch.key))
        select ${actorContextSql(actor)},
               set_config('lock_timeout', ${LOCK_TIMEOUT}, true),
               set_config('statement_timeout', ${STATEMENT_TIMEOUT}, true),
               (select coalesce(json_agg(key), '[]'::json) from batch where key not in (select key from fresh)) as replayed${childLocks},
               ${chainLocksSql(chains)},
               ${caseNumbersSql(years)} as numbers`,
  );
  return row!;
}

const LOCK_TIMEOUT = '5s';
const STATEMENT_TIMEOUT = '15s';

interface BatchRead {
  /** The newest open case of each child. */
  open: Record<string, string>;
  heads: ChainHeads;
  policies: StoredPolicy[];
  recipients: LookupRead | null;
  deadlineIds: number[];
  directoryRevision: number;
}

/**
 * Statement 2. Two reports on the same child filed at the same moment (two batches, two
 * instances) must see each other: each took the child's lock in statement 1, so the later one
 * waited for the earlier one's commit and now finds its case (READ COMMITTED: this statement's
 * snapshot is taken after the wait). The same holds for the audit chains' heads.
 */
async function readForBatch(tx: Tx, children: string[], chains: number[], effects: CreatedEffects): Promise<BatchRead> {
  // The children's cases through the identity index, and only then their status: `offset 0`
  // keeps the status out of the index choice. Given both at once, a planner on stale statistics
  // combined the identity index with the queue index and walked every open case (2 ms a batch at
  // 15,000 open cases, growing).
  const open: SQL = children.length
    ? sql`(select coalesce(json_object_agg(identity_number, id), '{}'::json) from (
             select distinct on (identity_number) identity_number, id
               from (select identity_number, id, status, received_at from cases
                      where identity_number = any(${sql.param(children)}::text[]) offset 0) as of_children
              where status = any(${sql.param([...OPEN_STATUSES])}::text[])
              order by identity_number, received_at desc) as newest)`
    : sql`'{}'::json`;
  // Not a prepared statement: its lookups need plans for the values at hand (a generic plan
  // chosen while the tables were small stays, with stale statistics, after they have grown).
  const [row] = await queryRows<BatchRead>(
    tx,
    sql`select ${open} as open, ${chainHeadsSql(chains)} as heads,
               ${effects.clocks.length ? policyRowsSql(effects.clocks) : sql`'[]'::json`} as policies,
               ${effects.notifications.length ? recipientLookupSql(effects.notifications) : sql`null::json`} as recipients,
               (select coalesce(array_agg(nextval(pg_get_serial_sequence('deadlines', 'id')) order by g), '{}')
                  from generate_series(1, ${effects.clocks.length}::int) as g) as "deadlineIds",
               coalesce((select revision from directory_revision where id = 1), 0) as "directoryRevision"`,
  );
  return row!;
}

type NewCaseValues = { id: string; number: string; linkedCaseId: string | null };

const receivedEvent = (item: PreparedReport, kase: NewCaseValues) => ({
  caseId: kase.id,
  at: item.now,
  actorUserId: item.actor.userId,
  actorOrgId: item.actor.orgId,
  actorName: item.actor.displayName,
  type: 'receive' as const,
  toStatus: 'received' as const,
  data: { requestHash: item.requestHash, linkedCaseId: kase.linkedCaseId },
});

const receivedAudit = (item: PreparedReport, kase: NewCaseValues, personKey: string) =>
  auditFields({
    actor: item.actor,
    action: 'case.received',
    subjectType: 'case',
    subjectId: kase.id,
    requestId: item.requestId,
    details: {
      number: kase.number,
      ...(item.identity.number ? { person: personRef(personKey, item.identity.number) } : {}),
      duplicateOf: kase.linkedCaseId,
    },
  });

/**
 * Writes the batch (each key once: submit-report.ts answers repeats), in the order given; the
 * year's first report creates the year's number series on the way.
 */
export async function writeReportBatch(db: Db, items: readonly PreparedReport[], ctx: SubmitContext): Promise<Written[]> {
  try {
    return await insertBatchOnce(db, items, ctx);
  } catch (error) {
    if (!isMissingSequence(error)) throw error;
    // The year's first report: create its number series and file again.
    for (const year of new Set(items.map(yearOf))) await createCaseNumberSequence(db, year);
    return insertBatchOnce(db, items, ctx);
  }
}

const yearOf = (item: PreparedReport) => Number(item.receiptDate.slice(0, 4));

/** The identity numbers of the children the reports are about, each once. */
const childrenOf = (items: readonly PreparedReport[]) => [...new Set(items.flatMap((i) => (i.identity.number ? [i.identity.number] : [])))];

// Batches take the chains in turn, from a random start so that instances tend to differ.
let lastChain = Math.floor(Math.random() * CHAINS);
const nextChain = () => (lastChain = (lastChain + 1) % CHAINS);

async function insertBatchOnce(db: Db, all: readonly PreparedReport[], ctx: SubmitContext): Promise<Written[]> {
  // One transaction, one row-level-security context: the queue batches only reports from
  // actors with the same role and organisation, whose context is the same.
  // A case's audit rows (received, its clock started) follow the case into its chain, and the
  // batch's cases are given ids in one chain: the next batch, written while this one commits,
  // takes another chain's lock instead of waiting for this one's.
  const chain = nextChain();
  const children = childrenOf(all);
  return withTransaction(db, async (tx) => {
    const { numbers, replayed } = await enterFilingContext(tx, all, children, [chain]);
    const taken = new Set(replayed);
    const filed = taken.size > 0 ? await findFiledReports(tx, all.filter((i) => taken.has(i.idempotencyKey))) : new Map<string, Filed>();
    const items = all.filter((i) => !taken.has(i.idempotencyKey));
    const created = items.length > 0 ? await writeNewCases(tx, items, numbers, chain, ctx) : [];
    let next = 0;
    return all.map((item): Written => {
      if (!taken.has(item.idempotencyKey)) return { created: created[next++]! };
      const found = filed.get(filedKeyOf(item.actor.orgId, item.idempotencyKey));
      // Statement 1 saw it; cases are never deleted (retention clears their personal data only).
      if (!found) throw new Error('filing: a taken Idempotency-Key without its case');
      return { filed: found };
    });
  });
}

async function writeNewCases(tx: Tx, items: readonly PreparedReport[], numbers: Record<string, number[] | null>, chain: number, ctx: SubmitContext): Promise<CaseRow[]> {
  const ids = items.map(() => randomIdInChain(chain));
  const chains = [chain];
  const children = childrenOf(items);
  const drawn = new Map(Object.entries(numbers).map(([year, list]) => [Number(year), [...(list ?? [])]]));
  const fresh = items.map((item, n) => ({
    id: ids[n]!,
    number: formatCaseNumber(yearOf(item), drawn.get(yearOf(item))!.shift()!),
    receivedAt: item.now,
    urgency: item.report.urgency,
  }));
  const effects = ctx.onCreated?.(fresh) ?? { clocks: [], notifications: [] };
  const read = await readForBatch(tx, children, chains, effects);
  // The directory as this transaction sees it (its revision read in statement 2): no round trip
  // of its own unless another instance has changed it.
  const directory = await ctx.directory.at(tx, read.directoryRevision);
  const openCase = new Map(Object.entries(read.open));
  const values = items.map((item, n) => {
    const { actor, report, identity, now } = item;
    const linkedCaseId = identity.number ? (openCase.get(identity.number) ?? null) : null;
    // A second report on the same child in the same batch links to the first.
    if (identity.number) openCase.set(identity.number, ids[n]!);
    const preliminary = decideRouting(directory, {
      residence: report.residence.municipalityCode ?? 'unknown',
      found: report.found.municipalityCode,
      age: identity.age,
      receivedAt: now,
    });
    return {
      id: ids[n]!,
      number: fresh[n]!.number,
      status: 'received' as const,
      receivedAt: now,
      receiptDate: item.receiptDate,
      urgency: report.urgency,
      reporterUserId: actor.userId,
      reporterOrgId: actor.orgId,
      idempotencyKey: item.idempotencyKey,
      policeDiaryNumber: report.policeDiaryNumber,
      foundMunicipalityCode: report.found.municipalityCode,
      residenceCode: report.residence.municipalityCode,
      identityKind: identity.kind,
      identityNumber: identity.number,
      ageAtReceipt: identity.age,
      protectedIdentity: report.protectedIdentity,
      report,
      linkedCaseId,
      duplicateFlag: linkedCaseId !== null,
      routing: { ...preliminary, preliminary: true },
    };
  });
  const clocks = clockValues(effects.clocks, choosePolicies(read.policies, effects.clocks)).map((clock, n) => ({ ...clock, id: read.deadlineIds[n]! }));
  const notifications = read.recipients ? outboxRowsFor(effects.notifications, read.recipients) : [];
  const audits = [
    ...items.map((item, n) => receivedAudit(item, values[n]!, ctx.personKey)),
    ...clocks.map((clock) => auditFields({ actor: null, ...clockStartedAudit(clock) })),
  ];
  // Not read back whole: each case's report would travel back as text and be parsed again.
  const inserted = await insertRows(tx, cases, values, {
    readBack: 'database-defaults',
    alongside: [
      { table: deadlines, rows: clocks },
      { table: outbox, rows: notifications, onConflictDoNothing: true },
      // Multi-row insert: ids follow array order, so within each chain they follow the chain.
      { table: auditLog, rows: linkChains(audits, read.heads) },
    ],
  });
  // The timeline's row-level security looks up the case, which only a later statement sees.
  await insertRows(tx, caseEvents, items.map((item, n) => receivedEvent(item, values[n]!)));
  await wakeForClocks(tx, clocks);
  if (notifications.length > 0) await wakeEngine(tx, 'outbox');
  const byId = new Map(inserted.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}
