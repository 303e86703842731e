// The clocks of a case (DESIGN.md rule 5). The case feature calls these INSIDE its transition's
// transaction: the clock row, its audit row and the engine wake-up commit or roll back together
// with the transition, and nothing here does I/O outside that transaction.
import { and, asc, eq, inArray, isNull, ne, notExists, sql } from 'drizzle-orm';
import { auditLog, cases, deadlines, openCaseStatuses } from '../db/schema.ts';
import type { DbOrTx, Tx } from '../db/types.ts';
import { computeDueAt, type ClockKind } from '../domain/deadlines.ts';
import { recordSystemAudits, type SystemAuditEntry } from './audit-batch.ts';
import { now } from './clock-source.ts';
import { findPolicies, type Policy } from './policies.ts';
import { wakeEngine } from './wake.ts';

export interface ClockRef {
  caseId: string;
  clock: ClockKind;
  /** For clocks of a sub-object (a clarification question, an information request). */
  subjectId?: string;
}

export interface StartClockInput extends ClockRef {
  startedAt: Date;
  /** Picks the municipality's own policy when it has one. */
  municipalityCode: string | null;
  /** An explicit deadline (e.g. an information request's requested date) overrides the policy's. */
  dueAt?: Date;
}

export type DeadlineRow = typeof deadlines.$inferSelect;

const runningOf = (ref: ClockRef) =>
  and(eq(deadlines.caseId, ref.caseId), eq(deadlines.clock, ref.clock), eq(deadlines.subjectId, ref.subjectId ?? ''), isNull(deadlines.stoppedAt));

type ClockAuditRow = Pick<DeadlineRow, 'id' | 'caseId' | 'clock'>;

function auditEntry(row: ClockAuditRow, action: string, details: Record<string, unknown> = {}): SystemAuditEntry {
  return { action, subjectType: 'case', subjectId: row.caseId, details: { deadlineId: row.id, clock: row.clock, ...details } };
}

/** The audit entry of a clock that started (written with the clock, in the same transaction). */
function clockStartedAudit(row: ClockAuditRow & Pick<DeadlineRow, 'dueAt' | 'policyId'>): SystemAuditEntry {
  return auditEntry(row, 'deadline.started', { dueAt: row.dueAt.toISOString(), policyId: row.policyId });
}

function audit(tx: Tx, row: DeadlineRow, action: string, details: Record<string, unknown> = {}) {
  return recordSystemAudits(tx, [auditEntry(row, action, details)]);
}

/** Nudges the engine for clocks just started (in time for the earliest; nothing if none started). */
async function wakeForClocks(tx: Tx, started: readonly Pick<DeadlineRow, 'dueAt'>[]): Promise<void> {
  if (started.length > 0) await wakeEngine(tx, 'deadline', new Date(Math.min(...started.map((r) => r.dueAt.getTime()))));
}

/** The deadline rows of clocks to start, with the policies chosen for them (findPolicies, choosePolicies). */
function clockValues(inputs: readonly StartClockInput[], policies: readonly Policy[]) {
  return inputs.map((input, n) => {
    const policy = policies[n]!;
    const dueAt = input.dueAt ?? computeDueAt(input.startedAt, policy.deadline);
    return { caseId: input.caseId, clock: input.clock, subjectId: input.subjectId ?? '', policyId: policy.id, startedAt: input.startedAt, dueAt, nextFireAt: dueAt };
  });
}

/**
 * Starts a clock. Idempotent: if the same (case, clock, subject) is already running it is left
 * exactly as it is and returned, so a retried transition never moves a deadline.
 */
export async function startClock(tx: Tx, input: StartClockInput): Promise<{ deadline: DeadlineRow; started: boolean }> {
  return (await startClocks(tx, [input]))[0]!;
}

const refKey = (r: { caseId: string; clock: string; subjectId?: string }) => `${r.caseId}|${r.clock}|${r.subjectId ?? ''}`;

/** startClock for many clocks (a batch of new cases) with two statements, results in input order. */
export async function startClocks(tx: Tx, inputs: readonly StartClockInput[]): Promise<{ deadline: DeadlineRow; started: boolean }[]> {
  if (inputs.length === 0) return [];
  const caseIds = [...new Set(inputs.map((i) => i.caseId))];
  const runningNow = async () =>
    new Map((await tx.select().from(deadlines).where(and(inArray(deadlines.caseId, caseIds), isNull(deadlines.stoppedAt)))).map((r) => [refKey(r), r]));
  // No read first: the partial unique index on running clocks turns a start of a clock that
  // already runs into "nothing inserted", and only then are the running rows read.
  const toStart = [...new Map(inputs.map((i) => [refKey(i), i])).values()];
  const values = clockValues(toStart, await findPolicies(tx, toStart));
  const inserted = await tx.insert(deadlines).values(values).onConflictDoNothing().returning();
  const started = new Map(inserted.map((r) => [refKey(r), r]));
  const running = inserted.length < values.length ? await runningNow() : new Map<string, DeadlineRow>();
  await recordSystemAudits(tx, inserted.map(clockStartedAudit));
  await wakeForClocks(tx, inserted);
  return inputs.map((input) => {
    const key = refKey(input);
    const mine = started.get(key);
    if (mine) {
      // Only the first of duplicate inputs started it.
      started.delete(key);
      return { deadline: mine, started: true };
    }
    return { deadline: (running.get(key) ?? inserted.find((r) => refKey(r) === key))!, started: false };
  });
}

/** Stops a running clock (the awaited action happened). Returns the stopped row, or null if none ran. */
export async function stopClock(tx: Tx, input: ClockRef & { reason: string; at?: Date }): Promise<DeadlineRow | null> {
  const at = input.at ?? now();
  const [row] = await tx
    .update(deadlines)
    .set({ stoppedAt: at, stopReason: input.reason, nextFireAt: null, updatedAt: at })
    .where(runningOf(input))
    .returning();
  if (!row) return null;
  await audit(tx, row, 'deadline.stopped', { reason: input.reason, breached: row.breachedAt !== null });
  return row;
}

/** Pauses a running clock (e.g. waiting for the police to answer). Idempotent. */
export async function pauseClock(tx: Tx, input: ClockRef & { at?: Date }): Promise<DeadlineRow | null> {
  const at = input.at ?? now();
  const [row] = await tx
    .update(deadlines)
    .set({ pausedAt: at, updatedAt: at })
    .where(and(runningOf(input), isNull(deadlines.pausedAt)))
    .returning();
  if (row) await audit(tx, row, 'deadline.paused');
  return row ?? null;
}

/** Resumes a paused clock: its deadline and next escalation move later by the time it was paused. */
export async function resumeClock(tx: Tx, input: ClockRef & { at?: Date }): Promise<DeadlineRow | null> {
  const at = input.at ?? now();
  const [row] = await tx
    .update(deadlines)
    .set({
      dueAt: sql`${deadlines.dueAt} + (${at.toISOString()}::timestamptz - ${deadlines.pausedAt})`,
      nextFireAt: sql`${deadlines.nextFireAt} + (${at.toISOString()}::timestamptz - ${deadlines.pausedAt})`,
      pausedAt: null,
      updatedAt: at,
    })
    .where(and(runningOf(input), sql`${deadlines.pausedAt} is not null`))
    .returning();
  if (!row) return null;
  await audit(tx, row, 'deadline.resumed', { dueAt: row.dueAt.toISOString() });
  await wakeEngine(tx, 'deadline', row.nextFireAt ?? row.dueAt);
  return row;
}

export interface ClockView {
  id: number;
  clock: ClockKind;
  subjectId: string | null;
  startedAt: Date;
  dueAt: Date;
  breachedAt: Date | null;
  step: number;
  nextFireAt: Date | null;
  pausedAt: Date | null;
  stoppedAt: Date | null;
  stopReason: string | null;
  history: { at: Date; action: string; details: Record<string, unknown> }[];
}

/** Every clock of a case, running and stopped, with its history, for the case view. */
export async function listClocks(db: DbOrTx, caseId: string): Promise<ClockView[]> {
  const rows = await db.select().from(deadlines).where(eq(deadlines.caseId, caseId)).orderBy(asc(deadlines.startedAt), asc(deadlines.id));
  if (rows.length === 0) return [];
  const events = await db
    .select({ at: auditLog.at, action: auditLog.action, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, 'case'), eq(auditLog.subjectId, caseId), inArray(auditLog.action, deadlineActions)))
    .orderBy(asc(auditLog.id));
  return rows.map((r) => ({
    id: r.id,
    clock: r.clock,
    subjectId: r.subjectId === '' ? null : r.subjectId,
    startedAt: r.startedAt,
    dueAt: r.dueAt,
    breachedAt: r.breachedAt,
    step: r.step,
    nextFireAt: r.nextFireAt,
    pausedAt: r.pausedAt,
    stoppedAt: r.stoppedAt,
    stopReason: r.stopReason,
    history: events.filter((e) => e.details.deadlineId === r.id),
  }));
}

export const deadlineActions = [
  'deadline.started',
  'deadline.stopped',
  'deadline.paused',
  'deadline.resumed',
  'deadline.breached',
  'deadline.escalated',
  'deadline.step_skipped',
];

/**
 * Open cases with no running clock: the invariant of DESIGN.md rule 5 says there are none, so a
 * case here could sit without anyone being alerted. Read by the metric
 * envagin_open_cases_without_clock and by `envagin doctor`.
 */
export async function findOpenCasesWithoutClock(db: DbOrTx): Promise<{ id: string; number: string; status: string }[]> {
  return db
    .select({ id: cases.id, number: cases.number, status: cases.status })
    .from(cases)
    .where(
      and(
        inArray(cases.status, [...openCaseStatuses]),
        // A running information request's clock waits for another organisation, not for the case's handling.
        notExists(
          db
            .select({ one: sql`1` })
            .from(deadlines)
            .where(and(eq(deadlines.caseId, cases.id), isNull(deadlines.stoppedAt), ne(deadlines.clock, 'information_request'))),
        ),
      ),
    )
    .orderBy(asc(cases.receivedAt));
}
