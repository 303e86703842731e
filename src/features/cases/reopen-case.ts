import { and, desc, eq } from 'drizzle-orm';
import { caseEvents } from '../../db/schema.ts';
import { caseStatuses, type CaseStatus } from '../../domain/case-machine.ts';
import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';

/** Reopens a closed case to the state it was closed from, with a reason. */
export async function reopenCase(ctx: TransitionContext, reason: string): Promise<CaseRow> {
  const [closing] = await ctx.tx
    .select({ from: caseEvents.fromStatus })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, ctx.kase.id), eq(caseEvents.type, 'close')))
    .orderBy(desc(caseEvents.id))
    .limit(1);
  const back = (caseStatuses as readonly string[]).includes(closing?.from ?? '') ? (closing!.from as CaseStatus) : 'accepted';
  return applyTransition(ctx, { name: 'reopen', to: back, patch: { closedAt: null }, data: { reason } });
}
