// The receiving side says the case is not theirs (e.g. wrong residence). It goes back to the
// hub's triage with the reason, and the refusing side loses access.
import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';

export async function refuseHandover(ctx: TransitionContext, reason: string): Promise<CaseRow> {
  return applyTransition(ctx, {
    name: 'refuse',
    leavesScope: true,
    patch: { handoverOrgId: null, handoverStartedAt: null },
    data: { reason, refusedByOrgId: ctx.actor.orgId },
  });
}
