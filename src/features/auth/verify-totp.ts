// Checks a one-time code for the current session: enrols the pending secret on the first good
// code, replaces the session's token and CSRF token with new ones marked verified
// (mfa_verified_at; the token that waited for the code is dead from then on, so a token planted
// or seen before the login completed is worth nothing), and ends the run of failed attempts. A
// wrong code counts in the same (username, address) throttle as a wrong password. A code is accepted once: the step it
// belongs to must be later than the last step accepted for the user (RFC 6238 section 5.2).
//
// The last accepted step is read from the user's newest 'auth.mfa_verified' audit row: the
// schema has no column for it, and the audit log is append-only, so it cannot be rolled back.
// The user row is held FOR UPDATE, so two requests with the same code cannot both pass.
import { withAuthTransaction } from '../../db/actor-transaction.ts';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { auditLog, sessions, users } from '../../db/schema.ts';
import type { Db, Tx } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { openSecretOrNull, type SecretKeyring } from '../../secrets/sealed-secrets.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { clearFailures, lockUser, recordFailedAttempt } from './account-lock.ts';
import { endRun, type ThrottleKey } from './login-throttle.ts';
import { hashToken, newToken } from './session-token.ts';
import { totpSecretContext } from './set-up-totp.ts';
import { matchTotp } from './totp.ts';

export interface VerifyTotpInput {
  actor: Actor;
  tokenHash: string;
  code: string;
  requestId: string;
  secrets: SecretKeyring;
  /** The (username, address) throttle this attempt was counted against (beginAttempt). */
  throttle: ThrottleKey;
  now: Date;
}

/** The verified session's new credentials. */
export interface RotatedSession {
  token: string;
  csrfToken: string;
}

async function lastAcceptedStep(tx: Tx, userId: string): Promise<number | null> {
  const [row] = await tx
    .select({ step: sql<string | null>`${auditLog.details} ->> 'step'` })
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, 'auth.mfa_verified')))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row?.step ? Number(row.step) : null;
}

type Outcome = { kind: 'verified'; session: RotatedSession } | { kind: 'invalid' } | { kind: 'unusable' };

export async function verifyTotp(db: Db, input: VerifyTotpInput): Promise<RotatedSession> {
  const { actor, requestId, now } = input;
  const outcome = await withAuthTransaction(db, async (tx): Promise<Outcome> => {
    const user = await lockUser(tx, actor.userId);
    if (!user.totpSecret) throw new AppError('INVALID_STATE', 'Tvåstegsverifiering är inte påbörjad: hämta först en ny hemlighet.');
    const [session] = await tx
      .select({ mfaVerifiedAt: sessions.mfaVerifiedAt })
      .from(sessions)
      .where(and(eq(sessions.tokenHash, input.tokenHash), isNull(sessions.revokedAt)));
    if (!session) throw new AppError('UNAUTHENTICATED');
    if (session.mfaVerifiedAt) throw new AppError('INVALID_STATE', 'Sessionen är redan verifierad.');

    const secret = openSecretOrNull(input.secrets, totpSecretContext(user.id), user.totpSecret);
    if (secret === null) {
      // Not the user's mistake and not a failed attempt: the stored seed is not one envagin wrote.
      await recordAudit(tx, { actor, action: 'auth.mfa_secret_refused', subjectType: 'user', subjectId: user.id, requestId });
      return { kind: 'unusable' };
    }
    const step = matchTotp(secret, input.code, now);
    const last = await lastAcceptedStep(tx, user.id);
    if (step === null || (last !== null && step <= last)) {
      const replay = step !== null;
      await recordFailedAttempt(tx, { user, actor, reason: 'bad_totp', requestId, now, details: replay ? { replay: true } : {} });
      return { kind: 'invalid' };
    }
    const enrolling = user.totpEnabledAt === null;
    if (enrolling) await tx.update(users).set({ totpEnabledAt: now, updatedAt: now }).where(eq(users.id, user.id));
    await clearFailures(tx, user, now);
    await endRun(tx, input.throttle);
    // The primary key changes: the old token names no session any more.
    const rotated: RotatedSession = { token: newToken(), csrfToken: newToken() };
    await tx
      .update(sessions)
      .set({ tokenHash: hashToken(rotated.token), csrfToken: rotated.csrfToken, mfaVerifiedAt: now, lastSeenAt: now })
      .where(eq(sessions.tokenHash, input.tokenHash));
    await recordAudit(tx, {
      actor,
      action: 'auth.mfa_verified',
      subjectType: 'user',
      subjectId: user.id,
      requestId,
      details: { method: 'totp', step, enrolled: enrolling, sessionRotated: true },
    });
    return { kind: 'verified', session: rotated };
  });
  if (outcome.kind === 'verified') return outcome.session;
  if (outcome.kind === 'invalid') throw new AppError('INVALID_MFA_CODE');
  throw new AppError('INVALID_STATE', 'Tvåstegsverifieringen för kontot kan inte användas. Be en administratör att återställa den, och registrera den sedan på nytt.');
}
