// Lifts a lockout after too many failed logins (admin).
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import type { Tx, AccountRow } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { accountColumns } from './queries.ts';

/** `user` is the current row, locked by the caller (getUserForUpdate). */
export async function unlockUser(tx: Tx, input: { actor: Actor; user: AccountRow; requestId: string }): Promise<AccountRow> {
  const { actor, user, requestId } = input;
  const [row] = await tx.update(users).set({ lockedUntil: null, failedLoginCount: 0 }).where(eq(users.id, user.id)).returning(accountColumns);
  await recordAudit(tx, { actor, action: 'user.unlocked', subjectType: 'user', subjectId: user.id, requestId });
  return row!;
}
