// Someone at the addressed organisation acknowledges the request: sent → received. The clock runs
// on until the answer or the refusal.
import { applyRequestStep, type StepContext } from './apply-request-step.ts';

export function acknowledgeInformationRequest(ctx: StepContext) {
  return applyRequestStep(
    ctx,
    'acknowledge',
    { receivedAt: ctx.now, receivedByUserId: ctx.actor.userId, receivedByName: ctx.actor.displayName },
    { fields: ['receivedAt'] },
  );
}
