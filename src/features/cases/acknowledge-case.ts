// Kvittens: the receiving municipality (its intake or its jour group) acknowledges the handover
// in the system, and from then on owns the case. The hub keeps read access to what it handled.
import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';
import { discloseProtectedAtKvittens } from './case-disclosures.ts';

export async function acknowledgeCase(ctx: TransitionContext): Promise<CaseRow> {
  const after = await applyTransition(ctx, {
    name: 'acknowledge',
    patch: {
      acceptedAt: ctx.now,
      acceptedByOrgId: ctx.actor.orgId,
      acceptedByUserId: ctx.actor.userId,
      acceptedByName: ctx.actor.displayName,
      acceptedVerbally: false,
    },
    data: { acceptedByOrgId: ctx.actor.orgId },
  });
  await discloseProtectedAtKvittens(ctx, after);
  return after;
}
