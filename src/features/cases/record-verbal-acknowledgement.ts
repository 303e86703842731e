// When the receiving municipality accepts on the phone but cannot acknowledge in the system, the
// hub records the verbal acceptance with the name of the person who took the case.
import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';
import { discloseProtectedAtKvittens } from './case-disclosures.ts';

export async function recordVerbalAcknowledgement(ctx: TransitionContext, input: { acceptedByName: string; orgId?: string }): Promise<CaseRow> {
  const orgId = input.orgId ?? ctx.kase.handoverOrgId;
  const after = await applyTransition(ctx, {
    name: 'record_verbal_acknowledgement',
    patch: { acceptedAt: ctx.now, acceptedByOrgId: orgId, acceptedByUserId: null, acceptedByName: input.acceptedByName, acceptedVerbally: true },
    data: { acceptedByName: input.acceptedByName, acceptedByOrgId: orgId },
  });
  await discloseProtectedAtKvittens(ctx, after);
  return after;
}
