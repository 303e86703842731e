// The eligibility decision (rules 1–3): the routing decision at the receipt time, stored with its
// full explanation. A hub supervisor may override it, only with a written reason (audited).
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { decideRouting } from '../../domain/routing.ts';
import { AppError } from '../../shared/errors.ts';
import { applyTransition, factsOf, type TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';
import { discloseHandover } from './case-disclosures.ts';

export interface DecisionOverride {
  handling: 'own' | 'handover' | 'forward' | 'return';
  responsibleMunicipalityCode?: string;
  reason: string;
}

export async function decideCase(ctx: TransitionContext, dir: DirectorySnapshot, override?: DecisionOverride): Promise<CaseRow> {
  const { kase, actor, now } = ctx;
  if (override && actor.role !== 'hub.supervisor') {
    throw new AppError('FORBIDDEN', 'Bara arbetsledare kan ändra beslutet, och bara med ett skriftligt skäl.');
  }
  const decision = decideRouting(dir, {
    residence: kase.residenceCode ?? 'unknown',
    found: kase.foundMunicipalityCode,
    age: kase.ageAtReceipt ?? 0,
    receivedAt: kase.receivedAt,
    at: now,
  });
  const handling = override?.handling ?? decision.handling;
  const responsible = override?.responsibleMunicipalityCode ?? decision.responsibleMunicipality?.code ?? null;
  if (handling === 'handover' && !responsible) {
    throw new AppError('VALIDATION_FAILED', 'Ange vilken kommun ärendet ska överlämnas till.', [
      { path: 'body.override.responsibleMunicipalityCode', message: 'Ange kommun' },
    ]);
  }
  const handoverContact = handling === 'handover' && responsible === decision.responsibleMunicipality?.code ? decision.contact : null;
  const handover = handling === 'handover';
  const after = await applyTransition(ctx, {
    name: 'decide',
    facts: { ...factsOf(kase), handling },
    patch: {
      routing: { ...decision, decidedAt: now.toISOString(), ...(override ? { override } : {}) },
      basis: decision.basis,
      handling,
      responsibleMunicipalityCode: responsible,
      decidedAt: now,
      decidedByUserId: actor.userId,
      overrideReason: override?.reason ?? null,
      handoverOrgId: handover ? (handoverContact?.orgId ?? null) : null,
      handoverStartedAt: handover ? now : null,
    },
    data: { basis: decision.basis, handling, responsibleMunicipalityCode: responsible, overridden: Boolean(override), ...(override ? { overrideReason: override.reason } : {}) },
  });
  // The report and the decision go to the receiving unit: recorded with the decision itself.
  await discloseHandover(ctx, after);
  return after;
}
