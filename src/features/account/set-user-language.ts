// Sets the language the web app speaks to a user. Kept on the user, not in the browser, so the
// choice follows the user to every device and session.
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record-audit.ts';
import { users } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Locale } from '../../shared/messages.ts';

export async function setUserLanguage(tx: Tx, input: { actor: Actor; language: Locale; requestId: string; now: Date }): Promise<void> {
  const [before] = await tx.select({ language: users.language }).from(users).where(eq(users.id, input.actor.userId)).for('update');
  if (before?.language === input.language) return;
  await tx.update(users).set({ language: input.language, updatedAt: input.now }).where(eq(users.id, input.actor.userId));
  await recordAudit(tx, {
    actor: input.actor,
    action: 'user.language_set',
    subjectType: 'user',
    subjectId: input.actor.userId,
    requestId: input.requestId,
    details: { from: before?.language ?? null, to: input.language },
  });
}
