// One transaction for a batch of new reports (submit-report.ts decides which reports are new):
// the actor's row-level-security context, the children's locks and open cases, then one
// multi-row insert each for the cases, their timeline events and audit rows, and the clocks and
// notifications that follow (case-effects.ts). A batch of one and a batch of fifty cost the same
// number of round trips; each report's rows commit together with its case or not at all.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { actorContextSql } from '../../db/actor-transaction.ts';
import { insertRows } from '../../db/insert-rows.ts';
import { queryRows } from '../../db/query-rows.ts';
import { caseEvents, cases } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { Db, Tx } from '../../db/types.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { decideRouting } from '../../domain/routing.ts';
import type { Actor } from '../../shared/actor.ts';
import { personRef } from '../audit/person-ref.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { caseNumberSql, createCaseNumberSequence, isMissingSequence } from './next-case-number.ts';
import { OPEN_STATUSES, type CaseRow } from './queries.ts';
import type { PreparedReport, SubmitContext } from './submit-report.ts';

export type BatchContext = Omit<SubmitContext, 'directory'> & { directory: DirectorySnapshot };

/** Advisory lock class (first key of the two-key form) for "a report on this child is being filed". */
const CHILD_LOCK = 5_120_326;

/**
 * The newest open case of each child. Two reports on the same child filed at the same moment
 * (two batches, two instances) must see each other: each takes the child's lock first
 * (enterFilingContext), so the later one waits for the earlier one's commit and then finds its
 * case (READ COMMITTED: the lookup is a later statement, with a snapshot taken after the wait).
 */
async function openCasesOf(tx: Tx, numbers: string[]): Promise<Map<string, string>> {
  if (numbers.length === 0) return new Map();
  const rows = await queryRows<{ identity_number: string; id: string }>(
    tx,
    sql`select distinct on (identity_number) identity_number, id from cases
         where identity_number in ${numbers} and status in ${[...OPEN_STATUSES]}
         order by identity_number, received_at desc`,
  );
  return new Map(rows.map((r) => [r.identity_number, r.id]));
}

/**
 * The batch's first statement: the row-level-security context of its actors, time limits, and
 * the locks of its children in the order of their lock keys (so two batches never wait for
 * each other crosswise). A batch that waits on a lock or a statement longer than the limits
 * fails with a "try again" (503) instead of holding the queue: every later report waits for it.
 */
async function enterFilingContext(tx: Tx, actor: Actor, numbers: string[]): Promise<void> {
  const values = sql.join(numbers.map((n) => sql`(${n})`), sql`, `);
  const locks = numbers.length
    ? sql`, (select count(pg_advisory_xact_lock(${CHILD_LOCK}, k)) from (select hashtext(v.n) as k from (values ${values}) as v(n) order by k) as sorted)`
    : sql``;
  await tx.execute(sql`select ${actorContextSql(actor)},
                              set_config('lock_timeout', ${LOCK_TIMEOUT}, true),
                              set_config('statement_timeout', ${STATEMENT_TIMEOUT}, true)${locks}`);
}

const LOCK_TIMEOUT = '5s';
const STATEMENT_TIMEOUT = '15s';

/** Writes the batch; the year's first report creates the year's number series on the way. */
export async function writeReportBatch(db: Db, items: readonly PreparedReport[], ctx: BatchContext): Promise<CaseRow[]> {
  try {
    return await insertBatchOnce(db, items, ctx);
  } catch (error) {
    if (!isMissingSequence(error)) throw error;
    // The year's first report: create its number series and file again.
    for (const year of new Set(items.map((i) => yearOf(i)))) await createCaseNumberSequence(db, year);
    return insertBatchOnce(db, items, ctx);
  }
}

const yearOf = (item: PreparedReport) => Number(item.receiptDate.slice(0, 4));

async function insertBatchOnce(db: Db, items: readonly PreparedReport[], ctx: BatchContext): Promise<CaseRow[]> {
  // One transaction, one row-level-security context: the queue batches only reports from
  // actors with the same role and organisation, whose context is the same.
  return withTransaction(db, async (tx) => {
    const children = [...new Set(items.flatMap((i) => (i.identity.number ? [i.identity.number] : [])))];
    await enterFilingContext(tx, items[0]!.actor, children);
    const openCase = await openCasesOf(tx, children);
    const values = items.map((item) => {
      const { actor, report, identity, now } = item;
      const id = randomUUID();
      const linkedCaseId = identity.number ? (openCase.get(identity.number) ?? null) : null;
      // A second report on the same child in the same batch links to the first.
      if (identity.number) openCase.set(identity.number, id);
      const preliminary = decideRouting(ctx.directory, {
        residence: report.residence.municipalityCode ?? 'unknown',
        found: report.found.municipalityCode,
        age: identity.age,
        receivedAt: now,
      });
      return {
        id,
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
    // Rows come out of the JSON array in order: numbers ascend in order of arrival.
    const inserted = await insertRows(tx, cases, values, { computed: { number: caseNumberSql } });
    const byId = new Map(inserted.map((r) => [r.id, r]));
    const rows = values.map((v) => byId.get(v.id)!);
    await insertRows(
      tx,
      caseEvents,
      items.map((item, i) => ({
        caseId: rows[i]!.id,
        at: item.now,
        actorUserId: item.actor.userId,
        actorOrgId: item.actor.orgId,
        actorName: item.actor.displayName,
        type: 'receive' as const,
        toStatus: 'received' as const,
        data: { requestHash: item.requestHash, linkedCaseId: rows[i]!.linkedCaseId },
      })),
    );
    for (const [i, item] of items.entries()) {
      const row = rows[i]!;
      await recordAudit(tx, {
        actor: item.actor,
        action: 'case.received',
        subjectType: 'case',
        subjectId: row.id,
        requestId: item.requestId,
        details: {
          number: row.number,
          ...(item.identity.number ? { person: personRef(ctx.personKey, item.identity.number) } : {}),
          duplicateOf: row.linkedCaseId,
        },
      });
    }
    await ctx.onCreated?.(tx, rows);
    return rows;
  });
}
