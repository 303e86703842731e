// Återkoppling to the reporting police: whether an investigation was opened, is not opened or is
// already ongoing, unless that is inappropriate for the child (then withheld, with a reason).
import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';
import { discloseFeedback } from './case-disclosures.ts';

export interface FeedbackInput {
  withheld: boolean;
  withheldReason?: string;
  message: string;
}

export async function sendFeedback(ctx: TransitionContext, input: FeedbackInput): Promise<CaseRow> {
  const decision = (ctx.kase.forhandsbedomning as { decision?: string } | null)?.decision ?? null;
  const feedback = {
    withheld: input.withheld,
    withheldReason: input.withheld ? (input.withheldReason ?? null) : null,
    investigation: input.withheld ? null : decision,
    message: input.withheld ? '' : input.message,
    sentBy: ctx.actor.displayName,
    orgId: ctx.actor.orgId,
  };
  const after = await applyTransition(ctx, { name: 'send_feedback', patch: { feedback, feedbackAt: ctx.now }, data: { withheld: input.withheld } });
  await discloseFeedback(ctx, after, { withheld: input.withheld, message: feedback.message });
  return after;
}
