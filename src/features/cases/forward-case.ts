// A case Stockholm may not process (basis none) is forwarded to the responsible authority under
// förvaltningslagen, with a record of where and how it was sent. The police are told.
import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';
import { discloseForward } from './case-disclosures.ts';

export interface ForwardInput {
  municipalityCode: string;
  channel: 'email' | 'phone' | 'letter' | 'other';
  address: string;
  note?: string;
}

export async function forwardCase(ctx: TransitionContext, input: ForwardInput): Promise<CaseRow> {
  const forwardedTo = { ...input, sentAt: ctx.now.toISOString(), sentBy: ctx.actor.displayName };
  const after = await applyTransition(ctx, {
    name: 'forward',
    patch: { forwardedTo, responsibleMunicipalityCode: input.municipalityCode },
    data: { municipalityCode: input.municipalityCode, channel: input.channel, address: input.address },
  });
  await discloseForward(ctx, after, input.municipalityCode);
  return after;
}
