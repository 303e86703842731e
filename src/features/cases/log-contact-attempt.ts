// Each call the hub makes while handing over is logged. A call that did not reach anyone moves
// "call now" to the next contact in the chain (see present.ts).
import { contactAttempts } from '../../db/schema.ts';
import { applyTransition, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';

export interface ContactAttemptInput {
  orgId?: string | null;
  orgName: string;
  label: string;
  phone: string;
  outcome: 'no_answer' | 'busy' | 'reached' | 'voicemail';
  note?: string;
}

export async function logContactAttempt(ctx: TransitionContext, input: ContactAttemptInput): Promise<CaseRow> {
  const updated = await applyTransition(ctx, {
    name: 'log_contact_attempt',
    // The unit being called now is who the case is being handed to: its members see it in their list.
    patch: { handoverOrgId: input.orgId ?? ctx.kase.handoverOrgId },
    data: { orgName: input.orgName, label: input.label, phone: input.phone, outcome: input.outcome },
  });
  await ctx.tx.insert(contactAttempts).values({
    caseId: ctx.kase.id,
    at: ctx.now,
    userId: ctx.actor.userId,
    orgId: input.orgId ?? null,
    orgName: input.orgName,
    label: input.label,
    phone: input.phone,
    outcome: input.outcome,
    note: input.note ?? null,
  });
  return updated;
}
