// The one way a case changes: check the transition against the declared rules, apply the change
// with a version-conditional update, and write the timeline event and the audit row in the
// same transaction, and rewrite the case's de-identified facts for the statistics (src/facts).
// Operations add their own clocks and notifications, also inside `tx`.
import { and, eq, sql } from 'drizzle-orm';
import { caseEvents, cases } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { checkTransition, type CaseFacts, type CaseStatus, type TransitionName } from '../../domain/case-machine.ts';
import { caseRelations } from '../../policies/cases.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { personRef } from '../../audit/person-ref.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { refreshCaseFacts } from '../../facts/case-facts-store.ts';
import type { CaseRow } from './queries.ts';
import { eventBy } from './case-event.ts';

export interface TransitionContext {
  tx: Tx;
  actor: Actor;
  kase: CaseRow;
  requestId: string;
  now: Date;
  /** Key for the audit log's person reference (see audit/person-ref.ts). */
  personKey: string;
}

export function factsOf(row: CaseRow): CaseFacts {
  return {
    status: row.status,
    handling: row.handling,
    hasSkyddsbedomning: row.skyddsbedomningAt !== null,
    hasForhandsbedomning: row.forhandsbedomningAt !== null,
    hasFeedback: row.feedbackAt !== null,
    isOwn: row.basis === 'own_residence' || row.basis === 'own_stay' || row.handling === 'own',
    officePending: row.officePassedAt !== null && row.officeAcknowledgedAt === null,
  };
}

/** Throws FORBIDDEN or INVALID_STATE with a Swedish reason when the transition is not allowed. */
export function assertTransition(ctx: TransitionContext, name: TransitionName, facts: CaseFacts = factsOf(ctx.kase)) {
  const check = checkTransition(name, facts, caseRelations(ctx.actor, ctx.kase));
  if (!check.ok) throw new AppError(check.code, check.reason);
  return check.to;
}

export interface TransitionInput {
  name: TransitionName;
  /** Column changes besides status and version. */
  patch?: Partial<typeof cases.$inferInsert>;
  /** Facts to check against when the operation changes them first (e.g. the decision). */
  facts?: CaseFacts;
  /** What the timeline records. The audit row records only which fields changed, no free text. */
  data?: Record<string, unknown>;
  /** For reopen: back to where the case was. */
  to?: CaseStatus;
  /**
   * The change takes the case out of the actor's sight (a refusal). Row-level security then
   * hides the updated row from the actor, so the timeline and audit rows are written first and
   * the update returns nothing.
   */
  leavesScope?: true;
}

export async function applyTransition(ctx: TransitionContext, input: TransitionInput): Promise<CaseRow> {
  const to = input.to ?? assertTransition(ctx, input.name, input.facts);
  if (input.to) assertTransition(ctx, input.name, input.facts);
  const { tx, kase, now } = ctx;
  const changes = { ...input.patch, status: to, version: kase.version + 1, updatedAt: now };
  const where = and(eq(cases.id, kase.id), eq(cases.version, kase.version));
  if (input.leavesScope) {
    await record(ctx, input, to);
    // PostgreSQL checks the new row against the SELECT policy too, and the case policy cannot say
    // "may move it out of its own sight". The row was loaded and locked under the actor's policy
    // and the transition checked above; this one case stays visible to the rest of the
    // transaction through a transaction-local setting (policies cases_leaving_*, drizzle 0029),
    // still as the reader's role, never as the engine's (issue 22).
    await tx.execute(sql`select set_config('envagin.leaving_case_id', ${kase.id}, true)`);
    await tx.update(cases).set(changes).where(where);
    const after = { ...kase, ...changes } as CaseRow;
    await refreshCaseFacts(tx, [after], now);
    return after;
  }
  const [updated] = await tx.update(cases).set(changes).where(where).returning();
  // The row is locked FOR UPDATE, so this only happens if a caller forgot to lock it.
  if (!updated) throw new AppError('CONFLICT');
  await record(ctx, input, to);
  // The statistics' facts (DESIGN.md rule 11) follow every change, in its transaction.
  await refreshCaseFacts(tx, [updated], now);
  return updated;
}

/** The timeline event and the audit row of a transition. */
async function record(ctx: TransitionContext, input: TransitionInput, to: CaseStatus) {
  const { tx, actor, kase, now } = ctx;
  await tx.insert(caseEvents).values({
    ...eventBy(kase.id, actor, now),
    type: input.name,
    fromStatus: kase.status,
    toStatus: to,
    data: input.data ?? {},
  });
  await recordAudit(tx, {
    actor,
    action: `case.${input.name}`,
    subjectType: 'case',
    subjectId: kase.id,
    requestId: ctx.requestId,
    details: {
      number: kase.number,
      ...(kase.identityNumber ? { person: personRef(ctx.personKey, kase.identityNumber) } : {}),
      from: kase.status,
      to,
      fields: Object.keys({ ...input.patch, ...input.data }).sort(),
    },
  });
}
