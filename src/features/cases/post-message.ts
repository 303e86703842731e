// The clarification thread (rule 4: clarifying is not investigating). Questions, answers and
// notes between the hub, the reporting police and, after handover, the receiving municipality.
// A message does not change the case's state, so it does not bump its version.
import { and, eq, isNull } from 'drizzle-orm';
import { caseEvents, caseMessages } from '../../db/schema.ts';
import { caseRelations, isInsideSocialServices } from '../../policies/cases.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { refreshCaseFacts } from '../../facts/case-facts-store.ts';
import { assertTransition, type TransitionContext } from './apply-transition.ts';
import { eventBy } from './case-event.ts';

export interface MessageInput {
  kind: 'question' | 'answer' | 'note';
  body: string;
  replyToId?: string;
}

export async function postMessage(ctx: TransitionContext, input: MessageInput) {
  const { tx, actor, kase, now } = ctx;
  assertTransition(ctx, input.kind === 'answer' ? 'answer_question' : 'ask_question');
  // An internal note is social services' own (rule 6): the police ask and answer, never note.
  if (input.kind === 'note' && !isInsideSocialServices(caseRelations(ctx.actor, kase))) {
    throw new AppError('FORBIDDEN', 'Interna anteckningar är socialtjänstens egna; polisen ställer och besvarar frågor.');
  }
  if (input.kind === 'answer') {
    if (!input.replyToId) {
      throw new AppError('VALIDATION_FAILED', 'Ange vilken fråga svaret gäller.', [{ path: 'body.replyToId', message: 'Saknas' }]);
    }
    const [question] = await tx
      .update(caseMessages)
      .set({ answeredAt: now })
      .where(and(eq(caseMessages.id, input.replyToId), eq(caseMessages.caseId, kase.id), eq(caseMessages.kind, 'question'), isNull(caseMessages.answeredAt)))
      .returning();
    if (!question) throw new AppError('INVALID_STATE', 'Frågan finns inte i ärendet eller är redan besvarad.');
  }
  const [message] = await tx
    .insert(caseMessages)
    .values({
      caseId: kase.id,
      at: now,
      authorUserId: actor.userId,
      authorOrgId: actor.orgId,
      authorName: actor.displayName,
      kind: input.kind,
      replyToId: input.replyToId ?? null,
      body: input.body,
    })
    .returning();
  await tx.insert(caseEvents).values({
    ...eventBy(kase.id, actor, now),
    type: `message_${input.kind}`,
    fromStatus: kase.status,
    toStatus: kase.status,
    data: { messageId: message!.id },
  });
  await refreshCaseFacts(tx, [kase], now);
  await recordAudit(tx, {
    actor,
    action: `case.message_${input.kind}_posted`,
    subjectType: 'case',
    subjectId: kase.id,
    requestId: ctx.requestId,
    details: { number: kase.number, messageId: message!.id },
  });
  return message!;
}
