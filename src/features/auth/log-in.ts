// Logs a user in with username and password: verifies the password outside any transaction
// (argon2 is slow by design), then, in one transaction, counts a failure (and locks the account
// at the fifth) or creates the session; each with its audit row. Privileged roles get a session
// that waits for the one-time code (mfa_verified_at null) and must finish at /auth/totp/verify.
import { sessions } from '../../db/schema.ts';
import type { Db } from '../../db/types.ts';
import { withTransaction } from '../../db/transaction.ts';
import { requiresMfa } from '../../policies/mfa.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { clearFailures, lockUser, recordFailedAttempt } from './account-lock.ts';
import { isLocked } from './lockout.ts';
import { verifyPassword } from './password.ts';
import { findUserByUsername, toActor } from './queries.ts';
import { hashToken, newToken } from './session-token.ts';

export interface LogInInput {
  username: string;
  password: string;
  requestId: string;
  absoluteHours: number;
}

export interface LogInResult {
  actor: Actor;
  token: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  mfaPending: boolean;
  mfaEnrolled: boolean;
}

type Outcome = { kind: 'ok'; result: LogInResult } | { kind: 'locked' } | { kind: 'invalid' };

export async function logIn(db: Db, input: LogInInput): Promise<LogInResult> {
  const found = await findUserByUsername(db, input.username);
  const ok = await verifyPassword(found?.user.passwordHash ?? null, input.password);
  const now = new Date();
  const outcome = await withTransaction(db, async (tx): Promise<Outcome> => {
    if (!found || found.user.disabledAt) {
      await recordAudit(tx, {
        actor: null,
        action: 'auth.login_failed',
        subjectType: 'user',
        subjectId: found?.user.id ?? null,
        requestId: input.requestId,
        details: { reason: found ? 'disabled' : 'unknown_user' },
      });
      return { kind: 'invalid' };
    }
    const user = await lockUser(tx, found.user.id);
    if (isLocked(user, now)) {
      // Refused whatever the password, so a locked account cannot be used to test passwords.
      await recordAudit(tx, { actor: null, action: 'auth.login_refused', subjectType: 'user', subjectId: user.id, requestId: input.requestId, details: { reason: 'locked' } });
      return { kind: 'locked' };
    }
    if (!ok) {
      const locked = await recordFailedAttempt(tx, { user, actor: null, reason: 'bad_password', requestId: input.requestId, now });
      return locked ? { kind: 'locked' } : { kind: 'invalid' };
    }
    const actor = toActor(user, found.org);
    const mfaPending = requiresMfa(actor.role);
    // For privileged roles the run of failures ends only with the one-time code; otherwise an
    // attacker holding the password could reset the count between guesses at the code.
    if (!mfaPending) await clearFailures(tx, user, now);
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(now.getTime() + input.absoluteHours * 3_600_000);
    await tx.insert(sessions).values({ tokenHash: hashToken(token), userId: actor.userId, csrfToken, expiresAt, createdAt: now, lastSeenAt: now });
    await recordAudit(tx, {
      actor,
      action: 'auth.logged_in',
      subjectType: 'user',
      subjectId: actor.userId,
      requestId: input.requestId,
      details: { method: 'password', mfa: mfaPending ? 'pending' : 'not_required' },
    });
    return { kind: 'ok', result: { actor, token, csrfToken, expiresAt, lastSeenAt: now, mfaPending, mfaEnrolled: user.totpEnabledAt !== null } };
  });
  if (outcome.kind === 'locked') throw new AppError('ACCOUNT_LOCKED');
  if (outcome.kind === 'invalid') throw new AppError('INVALID_CREDENTIALS');
  return outcome.result;
}
