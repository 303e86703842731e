// Logs a user in with username and password. The route has counted the attempt against its
// (username, address) throttle (login-throttle.ts: refused while the wait after the last
// failures runs); here the password is verified outside any transaction (argon2 is slow by design; an unknown
// user costs a dummy hash, so timing does not tell); then, in one transaction, a failure is
// audited or the session is created with its audit row. Unknown users, disabled users, demo users
// outside demo mode and wrong passwords get one and the same answer. Privileged roles get a
// session that waits for the one-time code (mfa_verified_at null) and must finish at
// /auth/totp/verify, which issues a new token.
import { withAuthTransaction } from '../../db/actor-transaction.ts';
import { sessions } from '../../db/schema.ts';
import type { Db } from '../../db/types.ts';
import { requiresMfa } from '../../policies/mfa.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Locale } from '../../shared/messages.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { clearFailures, lockUser, recordFailedAttempt } from './account-lock.ts';
import { endRun, forgiveAttempt, type ThrottleKey } from './login-throttle.ts';
import { verifyPassword } from './password.ts';
import { findUserByUsername, toActor } from './queries.ts';
import { hashToken, newToken } from './session-token.ts';

export interface LogInInput {
  username: string;
  password: string;
  requestId: string;
  absoluteHours: number;
  /** The (username, address) throttle this attempt was counted against (beginAttempt). */
  throttle: ThrottleKey;
  /** Demo users (is_demo) may log in only when the server runs in demo mode. */
  demoMode: boolean;
  /** The session's time (wall-clock.ts). */
  now: Date;
}

export interface LogInResult {
  actor: Actor;
  token: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  mfaPending: boolean;
  mfaEnrolled: boolean;
  language: Locale;
}

type Outcome = { kind: 'ok'; result: LogInResult } | { kind: 'invalid' };

export async function logIn(db: Db, input: LogInInput): Promise<LogInResult> {
  const { now } = input;
  const found = await withAuthTransaction(db, (tx) => findUserByUsername(tx, input.username));
  const usable = found && !found.user.disabledAt && (input.demoMode || !found.user.isDemo);
  // Every refused account costs one hash, like a wrong password.
  const ok = await verifyPassword(usable ? found.user.passwordHash : null, input.password);
  const outcome = await withAuthTransaction(db, async (tx): Promise<Outcome> => {
    if (!usable) {
      const reason = !found ? 'unknown_user' : found.user.disabledAt ? 'disabled' : 'demo_user_outside_demo';
      await recordAudit(tx, { actor: null, action: 'auth.login_failed', subjectType: 'user', subjectId: found?.user.id ?? null, requestId: input.requestId, details: { reason } });
      return { kind: 'invalid' };
    }
    const user = await lockUser(tx, found.user.id);
    if (!ok) {
      await recordFailedAttempt(tx, { user, actor: null, reason: 'bad_password', requestId: input.requestId, now });
      return { kind: 'invalid' };
    }
    const actor = toActor(user, found.org);
    const mfaPending = requiresMfa(actor.role);
    // For privileged roles the run of failures ends only with the one-time code; otherwise an
    // attacker holding the password could reset the count between guesses at the code.
    if (mfaPending) {
      await forgiveAttempt(tx, input.throttle);
    } else {
      await endRun(tx, input.throttle);
      await clearFailures(tx, user, now);
    }
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
    return { kind: 'ok', result: { actor, token, csrfToken, expiresAt, lastSeenAt: now, mfaPending, mfaEnrolled: user.totpEnabledAt !== null, language: user.language } };
  });
  if (outcome.kind === 'invalid') throw new AppError('INVALID_CREDENTIALS');
  return outcome.result;
}
