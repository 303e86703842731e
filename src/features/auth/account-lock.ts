// Row-level helpers for failed logins, used by password and one-time-code verification alike.
// A failure is audited and counted on the user row (failed_login_count, shown to admins); it
// never locks the account: guessing is slowed per (username, address) by the login throttle
// (login-throttle.ts), so nobody can lock a 24/7 worker out by typing their name (issue 22).
// Always called inside the operation's transaction, after `lockUser` has taken the user row FOR
// UPDATE (concurrent failures then count one after the other instead of overwriting each other).
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import type { Tx, UserRow } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';

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

/** Counts and audits one failure. */
export async function recordFailedAttempt(tx: Tx, input: FailureInput): Promise<void> {
  const failedLoginCount = input.user.failedLoginCount + 1;
  await tx.update(users).set({ failedLoginCount, updatedAt: input.now }).where(eq(users.id, input.user.id));
  const action = input.reason === 'bad_totp' ? 'auth.mfa_failed' : 'auth.login_failed';
  await recordAudit(tx, {
    actor: input.actor,
    action,
    subjectType: 'user',
    subjectId: input.user.id,
    requestId: input.requestId,
    details: { reason: input.reason, failedCount: failedLoginCount, ...input.details },
  });
}

/** A fully authenticated login ends the run of failures. */
export async function clearFailures(tx: Tx, user: UserRow, now: Date): Promise<void> {
  if (user.failedLoginCount === 0 && user.lockedUntil === null) return;
  await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null, updatedAt: now }).where(eq(users.id, user.id));
}
