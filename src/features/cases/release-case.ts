import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';

/** Puts a claimed case back in the queue for someone else to take. */
export async function releaseCase(ctx: TransitionContext): Promise<CaseRow> {
  return applyTransition(ctx, { name: 'release', patch: { assignedUserId: null, claimedAt: null } });
}
