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
  /** The current directory; read alongside the replay lookup. */
  directory: () => Promise<DirectorySnapshot>;
  personKey: string;
  /** Called inside the transaction after the case rows exist: clocks and notifications. */
  onCreated?: (tx: Tx, rows: CaseRow[]) => Promise<void>;
}

type BatchContext = Omit<SubmitContext, 'directory'> & { directory: DirectorySnapshot };

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
async function findByKeys(db: Db, items: readonly PreparedReport[]): Promise<Map<string, Filed>> {
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

async function insertBatch(db: Db, items: readonly PreparedReport[], ctx: BatchContext): Promise<CaseRow[]> {
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

type Filed = { row: CaseRow; requestHash: string | undefined };
/** A report's outcome, with the request hash of the case its key now holds (for repeats of the key). */
type Answer = { outcome: SubmitOutcome; stored?: Filed };

/**
 * Files a batch of prepared reports (all from actors sharing one role and organisation). Each
 * report gets its own outcome: a replayed key answers with the case it created, a reused key
 * with a different report is a CONFLICT, and one report's database failure does not fail the
 * others (the batch is retried report by report). Never rejects: once anything may have
 * committed, every report must hear what became of it.
 */
export async function submitReports(db: Db, items: readonly PreparedReport[], ctx: SubmitContext): Promise<SubmitOutcome[]> {
  if (items.length === 0) return [];
  let existing: Map<string, Filed>;
  let directory: DirectorySnapshot;
  try {
    // A replay is answered from the case it created, without touching the number series; the
    // directory is checked at the same time, on another connection.
    [existing, directory] = await Promise.all([findByKeys(db, items), ctx.directory()]);
  } catch (error) {
    return items.map(() => ({ ok: false, error }));
  }
  const answers = new Map<PreparedReport, Answer>();
  const firstOfKey = new Map<string, PreparedReport>();
  for (const item of items) {
    const found = existing.get(keyOf(item));
    if (found) answers.set(item, { outcome: answerReplay(found, item), stored: found });
    else if (!firstOfKey.has(keyOf(item))) firstOfKey.set(keyOf(item), item);
  }
  const fresh = [...firstOfKey.values()];
  if (fresh.length > 0) {
    try {
      const rows = await insertBatch(db, fresh, { ...ctx, directory });
      fresh.forEach((item, n) => answers.set(item, { outcome: { ok: true, row: rows[n]!, created: true }, stored: { row: rows[n]!, requestHash: item.requestHash } }));
    } catch (error) {
      if (fresh.length === 1) answers.set(fresh[0]!, await afterLosingRace(db, fresh[0]!, error));
      // Something in the batch failed: file each report on its own, one after the other (not
      // sixty-four transactions at once on a pool of ten), so only the report at fault fails.
      else for (const item of fresh) answers.set(item, await fileAlone(db, item, { ...ctx, directory }));
    }
  }
  // A key repeated within the batch: a replay of the case its first report created or found;
  // if that report failed, the repeat (perhaps a different body) is filed on its own.
  for (const item of items) {
    if (answers.has(item)) continue;
    const first = answers.get(firstOfKey.get(keyOf(item))!)!;
    answers.set(item, first.stored ? { outcome: answerReplay(first.stored, item), stored: first.stored } : await fileAlone(db, item, { ...ctx, directory }));
  }
  return items.map((item) => answers.get(item)!.outcome);
}

async function fileAlone(db: Db, item: PreparedReport, ctx: BatchContext): Promise<Answer> {
  try {
    const [row] = await insertBatch(db, [item], ctx);
    return { outcome: { ok: true, row: row!, created: true }, stored: { row: row!, requestHash: item.requestHash } };
  } catch (error) {
    return afterLosingRace(db, item, error);
  }
}

/**
 * A lone report whose insert failed. On the unique index of its key, a submit racing it (another
 * batch, another instance) won: it is answered from the winner's case.
 */
async function afterLosingRace(db: Db, item: PreparedReport, error: unknown): Promise<Answer> {
  if (sqlState(error) !== '23505') return { outcome: { ok: false, error } };
  try {
    const winner = (await findByKeys(db, [item])).get(keyOf(item));
    return winner ? { outcome: answerReplay(winner, item), stored: winner } : { outcome: { ok: false, error } };
  } catch (lookupError) {
    return { outcome: { ok: false, error: lookupError } };
  }
}

function answerReplay(found: { row: CaseRow; requestHash: string | undefined }, item: PreparedReport): SubmitOutcome {
  if (found.requestHash !== item.requestHash) {
    return { ok: false, error: new AppError('CONFLICT', 'Idempotency-Key har redan använts för en annan anmälan.') };
  }
  return { ok: true, row: found.row, created: false };
}
