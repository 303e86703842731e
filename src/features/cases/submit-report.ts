// The police file a report. Submitting requires an Idempotency-Key: the same key from the same
// organisation returns the same case (a retried submit on a bad mobile connection creates no
// second case); the same key with a different report is a conflict. A report on a child who
// already has an open case is linked to it and flagged.
//
// Reports are filed in batches (see filing-queue.ts): this file decides each report's outcome
// (new case, replay, conflict, failure); write-report-batch.ts finds which keys are taken and
// writes the new cases in one transaction whose statements work on the whole batch at once.
import { createHash } from 'node:crypto';
import { sqlState } from '../../db/transaction.ts';
import type { Db, DbOrTx } from '../../db/types.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { ageOn, parseIdentityNumber } from '../../domain/identity.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';
import { canonicalJson } from '../../audit/canonical-json.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import type { CaseEffects } from './effects.ts';
import { filedKeyOf, findFiledReports, type Filed } from './find-filed-reports.ts';
import type { CaseRow } from './queries.ts';
import type { ReportBody } from './schemas.ts';
import { writeReportBatch, type Written } from './write-report-batch.ts';

export interface SubmitInput {
  actor: Actor;
  report: ReportBody;
  idempotencyKey: string;
  requestId: string;
  now: Date;
}

/** What a whole batch shares: the directory it is routed with and what follows a new case. */
export interface SubmitContext {
  /** The directory at the revision the batch reads in its transaction (DirectoryCache). */
  directory: { at(db: DbOrTx, revision: number): Promise<DirectorySnapshot> };
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

const keyOf = (r: PreparedReport) => filedKeyOf(r.actor.orgId, r.idempotencyKey);

/** A report's outcome, with the case its key now holds (for repeats of the key). */
type Answer = { outcome: SubmitOutcome; stored?: Filed };

function answerOf(item: PreparedReport, written: Written): Answer {
  if ('filed' in written) return { outcome: answerReplay(written.filed, item), stored: written.filed };
  return { outcome: { ok: true, row: written.created, created: true }, stored: { row: written.created, requestHash: item.requestHash } };
}

/**
 * Files a batch of prepared reports (all from actors sharing one role and organisation). Each
 * report gets its own outcome: a replayed key answers with the case it created, a reused key
 * with a different report is a CONFLICT, and one report's database failure does not fail the
 * others (the batch is retried report by report). Never rejects: once anything may have
 * committed, every report must hear what became of it.
 */
export async function submitReports(db: Db, items: readonly PreparedReport[], ctx: SubmitContext): Promise<SubmitOutcome[]> {
  if (items.length === 0) return [];
  let directoryFailed = false;
  const directory: SubmitContext['directory'] = {
    async at(tx, revision) {
      try {
        return await ctx.directory.at(tx, revision);
      } catch (error) {
        directoryFailed = true;
        throw error;
      }
    },
  };
  const batch: SubmitContext = { ...ctx, directory };
  // A key repeated within the batch is written once, by its first report.
  const firstOfKey = new Map<string, PreparedReport>();
  for (const item of items) if (!firstOfKey.has(keyOf(item))) firstOfKey.set(keyOf(item), item);
  const firsts = [...firstOfKey.values()];
  const answers = new Map<PreparedReport, Answer>();
  try {
    const written = await writeReportBatch(db, firsts, batch);
    firsts.forEach((item, n) => answers.set(item, answerOf(item, written[n]!)));
  } catch (error) {
    // Without a directory no report can be routed: each would fail the same way alone.
    if (directoryFailed) return items.map(() => ({ ok: false, error }));
    if (firsts.length === 1) answers.set(firsts[0]!, await afterLosingRace(db, firsts[0]!, error));
    // Something in the batch failed: file each report on its own, one after the other (not
    // sixty-four transactions at once on a pool of ten), so only the report at fault fails.
    else for (const item of firsts) answers.set(item, await fileAlone(db, item, batch));
  }
  // A repeated key: a replay of the case its first report created or found; if that report
  // failed, the repeat (perhaps a different body) is filed on its own.
  for (const item of items) {
    if (answers.has(item)) continue;
    const first = answers.get(firstOfKey.get(keyOf(item))!)!;
    answers.set(item, first.stored ? { outcome: answerReplay(first.stored, item), stored: first.stored } : await fileAlone(db, item, batch));
  }
  return items.map((item) => answers.get(item)!.outcome);
}

async function fileAlone(db: Db, item: PreparedReport, ctx: SubmitContext): Promise<Answer> {
  try {
    const [written] = await writeReportBatch(db, [item], ctx);
    return answerOf(item, written!);
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
    const winner = (await findFiledReports(db, [item])).get(keyOf(item));
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
