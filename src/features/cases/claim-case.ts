import { AppError } from '../../shared/errors.ts';
import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';

/** A hub handler takes a new case. The loser of a simultaneous claim gets a clear 409. */
export async function claimCase(ctx: TransitionContext): Promise<CaseRow> {
  if (ctx.kase.assignedUserId && ctx.kase.assignedUserId !== ctx.actor.userId) {
    throw new AppError('CONFLICT', 'Ärendet har redan tagits av en annan handläggare.');
  }
  return applyTransition(ctx, { name: 'claim', patch: { assignedUserId: ctx.actor.userId, claimedAt: ctx.now } });
}
