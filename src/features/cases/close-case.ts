import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';

/** Closes a case; retention (gallring) counts from here. */
export async function closeCase(ctx: TransitionContext): Promise<CaseRow> {
  return applyTransition(ctx, { name: 'close', patch: { closedAt: ctx.now } });
}
