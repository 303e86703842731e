// Skyddsbedömning ("genast"): recorded by the receiving municipality, or by Stockholm for its own
// cases. The state machine refuses it to the hub on another municipality's case (rule 4).
import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';

export interface SkyddsbedomningInput {
  assessedAt: string;
  outcome: 'immediate_protection_needed' | 'no_immediate_protection_needed';
  measures: string;
}

export async function recordSkyddsbedomning(ctx: TransitionContext, input: SkyddsbedomningInput): Promise<CaseRow> {
  return applyTransition(ctx, {
    name: 'record_skyddsbedomning',
    patch: { skyddsbedomning: { ...input, recordedBy: ctx.actor.displayName, orgId: ctx.actor.orgId }, skyddsbedomningAt: ctx.now },
    data: { outcome: input.outcome },
  });
}
