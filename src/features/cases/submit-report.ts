// The police file a report. Submitting requires an Idempotency-Key: the same key from the same
// organisation returns the same case (a retried submit on a bad mobile connection creates no
// second case); the same key with a different report is a conflict. A report on a child who
// already has an open case is linked to it and flagged.
//
// Reports are filed in batches (see filing-queue.ts): this file decides each report's outcome
// (new case, replay, conflict, failure); write-report-batch.ts writes the new ones in one
// transaction whose statements work on the whole batch at once.
import { createHash } from 'node:crypto';
import { and, sql } from 'drizzle-orm';
import { caseEvents, cases } from '../../db/schema.ts';
import type { Db } from '../../db/types.ts';
import { sqlState } from '../../db/transaction.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { ageOn, parseIdentityNumber } from '../../domain/identity.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import type { CaseEffects } from './effects.ts';
import type { CaseRow } from './queries.ts';
import type { ReportBody } from './schemas.ts';
import { writeReportBatch, type BatchContext } from './write-report-batch.ts';

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
  /** The clocks and notifications new cases set in motion, written with them. */
  onCreated?: CaseEffects['onCreated'];
}

/** A report that passed the checks that need no database: ready to be filed. */
export interface PreparedReport extends SubmitInput {
  receiptDate: string;
  identity: Identity;
  requestHash: string;
}

export type SubmitOutcome = { ok: true; row: CaseRow; created: boolean } | { ok: false; error: unknown };

export interface Identity {
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

/**
 * The cases already filed under the keys, with the request hash each was filed with. The hash is
 * read per found case through the timeline's (case_id, id) index: a join let the planner scan the
 * whole timeline when its statistics were stale (18 ms at 50,000 cases, growing). Planned on
 * every call, for the same reason: a prepared statement's generic plan, chosen while the tables
 * were small, took 4 ms a batch once they had grown.
 */
async function findByKeys(db: Db, items: readonly PreparedReport[]): Promise<Map<string, Filed>> {
  const orgs = [...new Set(items.map((i) => i.actor.orgId))];
  const keys = [...new Set(items.map((i) => i.idempotencyKey))];
  const rows = await db
    .select({
      row: cases,
      data: sql<Record<string, unknown> | null>`(select e.data from ${caseEvents} e where e.case_id = cases.id and e.type = 'receive' order by e.id limit 1)`,
    })
    .from(cases)
    .where(and(sql`${cases.reporterOrgId} = any(${sql.param(orgs)}::text[])`, sql`${cases.idempotencyKey} = any(${sql.param(keys)}::text[])`));
  return new Map(rows.map(({ row, data }) => [idempotencyKeyOf(row.reporterOrgId, row.idempotencyKey), { row, requestHash: data?.requestHash as string | undefined }]));
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
      const rows = await writeReportBatch(db, fresh, { ...ctx, directory });
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
    const [row] = await writeReportBatch(db, [item], ctx);
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

function answerReplay(found: Filed, item: PreparedReport): SubmitOutcome {
  if (found.requestHash !== item.requestHash) {
    return { ok: false, error: new AppError('CONFLICT', 'Idempotency-Key har redan använts för en annan anmälan.') };
  }
  return { ok: true, row: found.row, created: false };
}
