import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';

/** Returns the report to the police with a reason (e.g. not in the target group). */
export async function returnCase(ctx: TransitionContext, reason: string): Promise<CaseRow> {
  return applyTransition(ctx, { name: 'return', patch: { returnReason: reason }, data: { reason } });
}
