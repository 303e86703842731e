// A user sets their own password with a link from their e-mail (password-links.ts): the link is
// used up, every other open link and every session of the account end, and the audit row names
// the user as the actor. A disabled account's link does not work.
import { and, eq, isNull } from 'drizzle-orm';
import { passwordLinks, users } from '../../db/schema.ts';
import type { PasswordLinkRow, Tx } from '../../db/types.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { toActor } from '../auth/queries.ts';
import { endSessions, getOrganisation } from './queries.ts';

export async function setOwnPassword(tx: Tx, input: { link: PasswordLinkRow; passwordHash: string; now: Date; requestId: string }): Promise<void> {
  const { link, passwordHash, now, requestId } = input;
  const [user] = await tx.select().from(users).where(eq(users.id, link.userId)).for('update');
  if (!user || user.disabledAt) throw new AppError('NOT_FOUND', 'Länken är ogiltig, redan använd eller har gått ut. Be din administratör om en ny.');
  await tx.update(users).set({ passwordHash, lockedUntil: null, failedLoginCount: 0, updatedAt: now }).where(eq(users.id, user.id));
  await tx.update(passwordLinks).set({ usedAt: now }).where(and(eq(passwordLinks.userId, user.id), isNull(passwordLinks.usedAt)));
  await endSessions(tx, user.id);
  const actor = toActor(user, await getOrganisation(tx, user.orgId));
  await recordAudit(tx, { actor, action: 'user.password_set', subjectType: 'user', subjectId: user.id, requestId, details: { purpose: link.purpose, linkId: link.id } });
}
