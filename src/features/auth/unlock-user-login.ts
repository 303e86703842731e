// A supervisor lifts a user's login throttle: every address's run of failures for the username is
// forgotten (login-throttle.ts), and a lock from before throttling (users.locked_until) is lifted,
// with one audit row naming who did it. The user can try again at once from anywhere.
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import type { Tx, AccountRow } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { clearThrottles } from './login-throttle.ts';

export interface UnlockInput {
  actor: Actor;
  user: AccountRow;
  /** userThrottleHash of the user's username. */
  userHash: string;
  requestId: string;
  now: Date;
}

export async function unlockUserLogin(tx: Tx, input: UnlockInput): Promise<{ throttlesCleared: number }> {
  const { actor, user, requestId, now } = input;
  const throttlesCleared = await clearThrottles(tx, input.userHash);
  const wasLocked = user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime();
  if (user.lockedUntil !== null || user.failedLoginCount > 0) {
    await tx.update(users).set({ lockedUntil: null, failedLoginCount: 0, updatedAt: now }).where(eq(users.id, user.id));
  }
  await recordAudit(tx, { actor, action: 'auth.login_unlocked', subjectType: 'user', subjectId: user.id, requestId, details: { throttlesCleared, wasLocked } });
  return { throttlesCleared };
}
