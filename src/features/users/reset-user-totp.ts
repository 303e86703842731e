// Removes a user's second factor (admin): their sessions end, and they enrol again at the next login.
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import type { Tx, AccountRow } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { accountColumns, endSessions } from './queries.ts';

/** `user` is the current row, locked by the caller (getUserForUpdate). */
export async function resetUserTotp(tx: Tx, input: { actor: Actor; user: AccountRow; requestId: string }): Promise<AccountRow> {
  const { actor, user, requestId } = input;
  const [row] = await tx.update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.id, user.id)).returning(accountColumns);
  await endSessions(tx, user.id);
  await recordAudit(tx, { actor, action: 'user.totp_reset', subjectType: 'user', subjectId: user.id, requestId });
  return row!;
}
