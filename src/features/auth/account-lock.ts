// Row-level helpers for lockout, used by password and one-time-code verification alike so that
// both kinds of mistake count toward the same lock. Always called inside the operation's
// transaction, after `lockUser` has taken the user row FOR UPDATE (concurrent failures then
// count one after the other instead of overwriting each other).
import { and, eq, isNull } from 'drizzle-orm';
import { sessions, users } from '../../db/schema.ts';
import type { Tx, UserRow } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { afterFailure, LOCK_MINUTES, MAX_FAILED_ATTEMPTS } from './lockout.ts';

export async function lockUser(tx: Tx, userId: string): Promise<UserRow> {
  const [row] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!row) throw new Error(`user ${userId} vanished inside its own transaction`);
  return row;
}

export interface FailureInput {
  user: UserRow;
  actor: Actor | null;
  /** What failed: 'bad_password' or 'bad_totp' (never the value that was tried). */
  reason: string;
  requestId: string;
  now: Date;
  /** Extra audit details, e.g. that a replayed code was refused. */
  details?: Record<string, unknown>;
}

/** Counts one failure; returns true when it locked the account. */
export async function recordFailedAttempt(tx: Tx, input: FailureInput): Promise<boolean> {
  const next = afterFailure(input.user, input.now);
  await tx
    .update(users)
    .set({ failedLoginCount: next.failedLoginCount, lockedUntil: next.lockedUntil, updatedAt: input.now })
    .where(eq(users.id, input.user.id));
  const action = input.reason === 'bad_totp' ? 'auth.mfa_failed' : 'auth.login_failed';
  await recordAudit(tx, {
    actor: input.actor,
    action,
    subjectType: 'user',
    subjectId: input.user.id,
    requestId: input.requestId,
    details: { reason: input.reason, failedCount: next.failedLoginCount, ...input.details },
  });
  if (!next.justLocked) return false;
  // A locked account keeps no half-open sessions (e.g. one waiting for its one-time code).
  await tx
    .update(sessions)
    .set({ revokedAt: input.now })
    .where(and(eq(sessions.userId, input.user.id), isNull(sessions.revokedAt)));
  await recordAudit(tx, {
    actor: null,
    action: 'auth.account_locked',
    subjectType: 'user',
    subjectId: input.user.id,
    requestId: input.requestId,
    details: { failedCount: next.failedLoginCount, maxFailedAttempts: MAX_FAILED_ATTEMPTS, lockMinutes: LOCK_MINUTES, lockedUntil: next.lockedUntil!.toISOString() },
  });
  return true;
}

/** A fully authenticated login ends the run of failures. */
export async function clearFailures(tx: Tx, user: UserRow, now: Date): Promise<void> {
  if (user.failedLoginCount === 0 && user.lockedUntil === null) return;
  await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null, updatedAt: now }).where(eq(users.id, user.id));
}
