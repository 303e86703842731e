// Lifts a lockout after too many failed logins (admin).
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import type { Tx, UserRow } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';

/** `user` is the current row, locked by the caller (getUserForUpdate). */
export async function unlockUser(tx: Tx, input: { actor: Actor; user: UserRow; requestId: string }): Promise<UserRow> {
  const { actor, user, requestId } = input;
  const [row] = await tx.update(users).set({ lockedUntil: null, failedLoginCount: 0 }).where(eq(users.id, user.id)).returning();
  await recordAudit(tx, { actor, action: 'user.unlocked', subjectType: 'user', subjectId: user.id, requestId });
  return row!;
}
