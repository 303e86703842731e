import { and, eq } from 'drizzle-orm';
import { caseMessageReads, caseMessages } from '../../db/schema.ts';
import { caseRelations, isInsideSocialServices } from '../../policies/cases.ts';
import { AppError } from '../../shared/errors.ts';
import type { TransitionContext } from './apply-transition.ts';

/** Read receipt per organisation: the asker sees that the other side has read the question. */
export async function markMessageRead(ctx: TransitionContext, messageId: string): Promise<void> {
  const [message] = await ctx.tx.select().from(caseMessages).where(and(eq(caseMessages.id, messageId), eq(caseMessages.caseId, ctx.kase.id)));
  // An internal note does not exist for the police (rule 6), read receipt or not.
  if (!message || (message.kind === 'note' && !isInsideSocialServices(caseRelations(ctx.actor, ctx.kase)))) throw new AppError('NOT_FOUND');
  if (message.authorOrgId === ctx.actor.orgId) return;
  await ctx.tx
    .insert(caseMessageReads)
    .values({ messageId, orgId: ctx.actor.orgId, userId: ctx.actor.userId, readAt: ctx.now })
    .onConflictDoNothing();
}
