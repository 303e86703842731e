import { applyTransition, type TransitionContext } from './apply-transition.ts';
import { discloseReturn } from './case-disclosures.ts';
import type { CaseRow } from './queries.ts';

/** Returns the report to the police with a reason (e.g. not in the target group). */
export async function returnCase(ctx: TransitionContext, reason: string): Promise<CaseRow> {
  const after = await applyTransition(ctx, { name: 'return', patch: { returnReason: reason }, data: { reason } });
  // The reason leaves the hub for the police: recorded in the register in the same transaction.
  await discloseReturn(ctx, after);
  return after;
}
