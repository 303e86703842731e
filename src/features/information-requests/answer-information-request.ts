// The addressed organisation answers: received → answered, with free text and, when a risk
// assessment was asked for, the structured fields (level, date of the police's assessment, known
// affiliation and group). The clock stops. An answer is a disclosure of case data to another
// organisation (DESIGN.md rule 8): the audit row names the fields disclosed, never their values.
import { eq } from 'drizzle-orm';
import { informationRequestAnswers, legalGrounds } from '../../db/schema.ts';
import { recordDisclosure } from '../../audit/record-disclosure.ts';
import type { AnswerRequestBody } from '../../shared/api/information-requests.ts';
import { AppError } from '../../shared/errors.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';
import { applyRequestStep, assertRequestStep, type StepContext } from './apply-request-step.ts';

export async function answerInformationRequest(ctx: StepContext, input: AnswerRequestBody) {
  // Party and state first: a wrong party learns nothing from a validation message.
  assertRequestStep(ctx, 'answer');
  const asksRisk = ctx.loaded.row.kinds.includes('risk_assessment');
  if (asksRisk && !input.risk) {
    throw new AppError('VALIDATION_FAILED', 'En riskbedömning efterfrågades: ange nivå, datum för bedömningen och känd tillhörighet.', [
      { path: 'body.risk', message: 'Saknas' },
    ]);
  }
  if (!asksRisk && input.risk) {
    throw new AppError('VALIDATION_FAILED', 'Ingen riskbedömning efterfrågades.', [{ path: 'body.risk', message: 'Efterfrågades inte' }]);
  }
  if (input.risk && input.risk.assessedOn > stockholmDate(ctx.now)) {
    throw new AppError('VALIDATION_FAILED', 'Bedömningens datum kan inte ligga i framtiden.', [{ path: 'body.risk.assessedOn', message: 'I framtiden' }]);
  }
  const fields = ['answer.text', ...(input.risk ? ['answer.risk.level', 'answer.risk.assessedOn', 'answer.risk.knownAffiliation', ...(input.risk.groupDesignation ? ['answer.risk.groupDesignation'] : [])] : [])];
  const row = await applyRequestStep(
    ctx,
    'answer',
    { answeredAt: ctx.now, answeredByUserId: ctx.actor.userId, answeredByName: ctx.actor.displayName },
    { fields },
  );
  await ctx.tx.insert(informationRequestAnswers).values({
    requestId: row.id,
    text: input.text,
    riskLevel: input.risk?.level ?? null,
    assessedOn: input.risk?.assessedOn ?? null,
    knownAffiliation: input.risk?.knownAffiliation ?? null,
    groupDesignation: input.risk?.groupDesignation || null,
    createdAt: ctx.now,
  });
  // The answer leaves the addressed organisation for the asking one on the ground the request cited.
  const [ground] = await ctx.tx.select({ citation: legalGrounds.citation }).from(legalGrounds).where(eq(legalGrounds.id, row.legalGroundId));
  await recordDisclosure(ctx.tx, {
    kase: { id: row.caseId, number: row.caseNumber, identityNumber: null },
    personRef: row.personRef,
    kind: 'information_request',
    fromOrganisationId: row.addressedOrgId,
    toOrganisationId: row.askingOrgId,
    fields,
    legalGround: ground?.citation ?? row.legalGroundId,
    actor: ctx.actor,
    at: ctx.now,
    requestId: ctx.requestId,
  });
  return row;
}
