// The asking organisation withdraws a request still waiting: sent | received → withdrawn. The
// clock stops, and the addressee is told.
import { applyRequestStep, type StepContext } from './apply-request-step.ts';

export function withdrawInformationRequest(ctx: StepContext, input: { reason?: string | undefined }) {
  return applyRequestStep(
    ctx,
    'withdraw',
    { withdrawnAt: ctx.now, withdrawnByUserId: ctx.actor.userId, withdrawnByName: ctx.actor.displayName, withdrawReason: input.reason || null },
    { fields: input.reason ? ['withdrawReason'] : [] },
  );
}
