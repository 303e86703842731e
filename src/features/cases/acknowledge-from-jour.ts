// Jour → office: the office intake's own kvittens of a case its jour group kvitterade at night
// and the engine passed to it when the office opened. From here the office owns the case and the
// jour group reads only its own entries (src/policies/cases.ts), until the case closes.
import { and, eq } from 'drizzle-orm';
import { caseHandovers } from '../../db/schema.ts';
import { applyTransition, assertTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';

export async function acknowledgeFromJour(ctx: TransitionContext): Promise<CaseRow> {
  const { tx, actor, kase, now } = ctx;
  assertTransition(ctx, 'acknowledge_from_jour');
  await tx
    .update(caseHandovers)
    .set({ acknowledgedAt: now, acknowledgedByUserId: actor.userId, acknowledgedByName: actor.displayName })
    .where(and(eq(caseHandovers.caseId, kase.id), eq(caseHandovers.kind, 'office')));
  return applyTransition(ctx, {
    name: 'acknowledge_from_jour',
    patch: { officeAcknowledgedAt: now },
    data: { officeOrgId: actor.orgId, jourOrgId: kase.acceptedByOrgId },
  });
}
