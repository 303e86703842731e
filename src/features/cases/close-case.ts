import { and, eq, isNull } from 'drizzle-orm';
import { caseHandovers } from '../../db/schema.ts';
import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';

/**
 * Closes a case; retention (gallring) counts from here. Jour → office: a jour group that read
 * the case after the office's kvittens loses it now (for good: a reopened case stays the
 * office's), and an office handover not yet passed is ended.
 */
export async function closeCase(ctx: TransitionContext): Promise<CaseRow> {
  const { tx, kase, now } = ctx;
  const after = await applyTransition(ctx, { name: 'close', patch: { closedAt: now, ...(kase.officeAcknowledgedAt ? { jourAccessEndedAt: now } : {}) } });
  await tx.update(caseHandovers).set({ endedAt: now }).where(and(eq(caseHandovers.caseId, kase.id), isNull(caseHandovers.endedAt)));
  return after;
}
