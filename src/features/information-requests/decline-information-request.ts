// The addressed organisation declines the request, with its reason (e.g. secrecy the legal ground
// does not lift): received → declined. The clock stops.
import { applyRequestStep, type StepContext } from './apply-request-step.ts';

export function declineInformationRequest(ctx: StepContext, input: { reason: string }) {
  return applyRequestStep(
    ctx,
    'decline',
    { declinedAt: ctx.now, declinedByUserId: ctx.actor.userId, declinedByName: ctx.actor.displayName, declineReason: input.reason },
    { fields: ['declineReason'] },
  );
}
