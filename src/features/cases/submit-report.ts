// The police file a report. Submitting requires an Idempotency-Key: the same key from the same
// organisation returns the same case (a retried submit on a bad mobile connection creates no
// second case); the same key with a different report is a conflict. A report on a child who
// already has an open case is linked to it and flagged.
//
// Reports are filed in batches (see filing-queue.ts): every statement here works on all the
// reports of a batch at once, so a batch of one and a batch of fifty cost the same number of
// round trips. Each report still gets its own case, timeline event, audit row, clock and outbox
// rows, and they commit together with the case or not at all.
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { caseEvents, cases } from '../../db/schema.ts';
import type { Db, Tx } from '../../db/types.ts';
import { actorContextSql } from '../../db/actor-transaction.ts';
import { queryRows } from '../../db/query-rows.ts';
import { sqlState, withTransaction } from '../../db/transaction.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { ageOn, parseIdentityNumber } from '../../domain/identity.ts';
import { decideRouting } from '../../domain/routing.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { personRef } from '../audit/person-ref.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { createCaseNumberSequence, isMissingSequence, nextCaseNumberSql } from './next-case-number.ts';
import { OPEN_STATUSES, type CaseRow } from './queries.ts';
import type { ReportBody } from './schemas.ts';

export interface SubmitInput {
  actor: Actor;
  report: ReportBody;
  idempotencyKey: string;
  requestId: string;
  now: Date;
}

/** What a whole batch shares: the directory it is routed with and what follows a new case. */
export interface SubmitContext {
  /** May still be loading: it is awaited only when the batch needs it, after the replay lookup. */
  directory: DirectorySnapshot | Promise<DirectorySnapshot>;
  personKey: string;
  /** Called inside the transaction after the case rows exist: clocks and notifications. */
  onCreated?: (tx: Tx, rows: CaseRow[]) => Promise<void>;
}

/** A report that passed the checks that need no database: ready to be filed. */
export interface PreparedReport extends SubmitInput {
  receiptDate: string;
  identity: Identity;
  requestHash: string;
}

export type SubmitOutcome = { ok: true; row: CaseRow; created: boolean } | { ok: false; error: unknown };

interface Identity {
  kind: 'personnummer' | 'samordningsnummer' | 'unknown';
  number: string | null;
  age: number;
}

function identify(report: ReportBody, receiptDate: string): Identity {
  if (report.child.identityKind === 'unknown') return { kind: 'unknown', number: null, age: report.child.estimatedAge };
  const parsed = parseIdentityNumber(report.child.identityNumber, receiptDate);
  if (!parsed.ok) {
    throw new AppError('VALIDATION_FAILED', parsed.message, [{ path: 'body.child.identityNumber', message: parsed.message }]);
  }
  return { kind: parsed.kind, number: parsed.normalized, age: ageOn(parsed.birthDate, receiptDate) };
}

/** Validates the identity number against the receipt date; throws VALIDATION_FAILED (400). */
export function prepareReport(input: SubmitInput): PreparedReport {
  const receiptDate = stockholmDate(input.now);
  return {
    ...input,
    receiptDate,
    identity: identify(input.report, receiptDate),
    requestHash: createHash('sha256').update(canonicalJson(input.report)).digest('hex'),
  };
}

const idempotencyKeyOf = (orgId: string, key: string) => `${orgId}\u0000${key}`;
const keyOf = (r: PreparedReport) => idempotencyKeyOf(r.actor.orgId, r.idempotencyKey);

/** Cases already filed under these keys, with the request hash their first submit carried. */
async function findByKeys(db: Db, items: readonly PreparedReport[]): Promise<Map<string, { row: CaseRow; requestHash: string | undefined }>> {
  const orgs = [...new Set(items.map((i) => i.actor.orgId))];
  const keys = [...new Set(items.map((i) => i.idempotencyKey))];
  const rows = await db
    .select({ row: cases, data: caseEvents.data })
    .from(cases)
    .leftJoin(caseEvents, and(eq(caseEvents.caseId, cases.id), eq(caseEvents.type, 'receive')))
    .where(and(inArray(cases.reporterOrgId, orgs), inArray(cases.idempotencyKey, keys)));
  return new Map(rows.map(({ row, data }) => [idempotencyKeyOf(row.reporterOrgId, row.idempotencyKey), { row, requestHash: data?.requestHash as string | undefined }]));
}

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
 * The batch's first statement: the row-level-security context of its actors and the locks of
 * its children (sorted, so two batches never wait for each other crosswise).
 */
async function enterFilingContext(tx: Tx, actor: Actor, numbers: string[]): Promise<void> {
  const locks = numbers.length
    ? sql`, (select count(pg_advisory_xact_lock(${CHILD_LOCK}, hashtext(v.n))) from (values ${sql.join([...numbers].sort().map((n) => sql`(${n})`), sql`, `)}) as v(n))`
    : sql``;
  await tx.execute(sql`select ${actorContextSql(actor)}${locks}`);
}

async function insertBatch(db: Db, items: readonly PreparedReport[], ctx: SubmitContext): Promise<CaseRow[]> {
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

async function insertBatchOnce(db: Db, items: readonly PreparedReport[], ctx: SubmitContext): Promise<CaseRow[]> {
  // One transaction, one row-level-security context: the queue batches only reports from
  // actors with the same role and organisation, whose context is the same.
  return withTransaction(db, async (tx) => {
    const children = [...new Set(items.flatMap((i) => (i.identity.number ? [i.identity.number] : [])))];
    await enterFilingContext(tx, items[0]!.actor, children);
    const openCase = await openCasesOf(tx, children);
    const directory = await ctx.directory;
    const values = items.map((item) => {
      const { actor, report, identity, now } = item;
      const id = randomUUID();
      const linkedCaseId = identity.number ? (openCase.get(identity.number) ?? null) : null;
      // A second report on the same child in the same batch links to the first.
      if (identity.number) openCase.set(identity.number, id);
      const preliminary = decideRouting(directory, {
        residence: report.residence.municipalityCode ?? 'unknown',
        found: report.found.municipalityCode,
        age: identity.age,
        receivedAt: now,
      });
      return {
        id,
        // Rows of a multi-row VALUES are evaluated in order: numbers ascend in order of arrival.
        number: nextCaseNumberSql(yearOf(item)),
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
    const inserted = await tx.insert(cases).values(values).returning();
    const byId = new Map(inserted.map((r) => [r.id, r]));
    const rows = values.map((v) => byId.get(v.id)!);
    await tx.insert(caseEvents).values(
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

/**
 * Files a batch of prepared reports (all from actors sharing one role and organisation). Each
 * report gets its own outcome: a replayed key answers with the case it created, a reused key
 * with a different report is a CONFLICT, and one report's database failure does not fail the
 * others (the batch is retried report by report).
 */
export async function submitReports(db: Db, items: readonly PreparedReport[], ctx: SubmitContext): Promise<SubmitOutcome[]> {
  if (items.length === 0) return [];
  const outcomes: (SubmitOutcome | undefined)[] = new Array(items.length);
  // A replay is answered from the case it created, without touching the number series.
  const existing = await findByKeys(db, items);
  const fresh: number[] = [];
  const firstOfKey = new Map<string, number>();
  for (const [i, item] of items.entries()) {
    const key = keyOf(item);
    const found = existing.get(key);
    if (found) outcomes[i] = answerReplay(found, item);
    else if (!firstOfKey.has(key)) {
      firstOfKey.set(key, i);
      fresh.push(i);
    }
  }
  if (fresh.length > 0) {
    try {
      const rows = await insertBatch(db, fresh.map((i) => items[i]!), ctx);
      fresh.forEach((i, n) => (outcomes[i] = { ok: true, row: rows[n]!, created: true }));
    } catch (error) {
      if (fresh.length === 1) {
        // A submit racing this one with the same key (another batch, another instance) lost
        // on the unique index: answer from the winner's row.
        if (sqlState(error) !== '23505') outcomes[fresh[0]!] = { ok: false, error };
        else {
          const winner = (await findByKeys(db, [items[fresh[0]!]!])).get(keyOf(items[fresh[0]!]!));
          outcomes[fresh[0]!] = winner ? answerReplay(winner, items[fresh[0]!]!) : { ok: false, error };
        }
      } else {
        // Something in the batch failed: file each report on its own so only it fails.
        const single = await Promise.all(fresh.map((i) => submitReports(db, [items[i]!], ctx)));
        fresh.forEach((i, n) => (outcomes[i] = single[n]![0]));
      }
    }
  }
  // The same key twice in one batch: the later ones are replays of the first.
  for (const [i, item] of items.entries()) {
    if (outcomes[i]) continue;
    const first = outcomes[firstOfKey.get(keyOf(item))!]!;
    outcomes[i] = first.ok ? answerReplay({ row: first.row, requestHash: items[firstOfKey.get(keyOf(item))!]!.requestHash }, item) : first;
  }
  return outcomes as SubmitOutcome[];
}

function answerReplay(found: { row: CaseRow; requestHash: string | undefined }, item: PreparedReport): SubmitOutcome {
  if (found.requestHash !== item.requestHash) {
    return { ok: false, error: new AppError('CONFLICT', 'Idempotency-Key har redan använts för en annan anmälan.') };
  }
  return { ok: true, row: found.row, created: false };
}
