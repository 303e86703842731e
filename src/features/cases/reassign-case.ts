import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';

/** A hub supervisor takes over a claimed case. */
export async function reassignCase(ctx: TransitionContext): Promise<CaseRow> {
  return applyTransition(ctx, {
    name: 'reassign',
    patch: { assignedUserId: ctx.actor.userId },
    data: { fromUserId: ctx.kase.assignedUserId, toUserId: ctx.actor.userId },
  });
}
