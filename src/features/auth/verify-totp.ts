// Checks a one-time code for the current session: enrols the pending secret on the first good
// code, marks the session verified (mfa_verified_at), and ends the run of failed attempts. A
// wrong code counts toward lockout like a wrong password. A code is accepted once: the step it
// belongs to must be later than the last step accepted for the user (RFC 6238 section 5.2).
//
// The last accepted step is read from the user's newest 'auth.mfa_verified' audit row: the
// schema has no column for it, and the audit log is append-only, so it cannot be rolled back.
// The user row is held FOR UPDATE, so two requests with the same code cannot both pass.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { auditLog, sessions, users } from '../../db/schema.ts';
import type { Db, Tx } from '../../db/types.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { openSecretOrNull, type SecretKeyring } from '../../secrets/sealed-secrets.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { clearFailures, lockUser, recordFailedAttempt } from './account-lock.ts';
import { isLocked } from './lockout.ts';
import { totpSecretContext } from './set-up-totp.ts';
import { matchTotp } from './totp.ts';

export interface VerifyTotpInput {
  actor: Actor;
  tokenHash: string;
  code: string;
  requestId: string;
  secrets: SecretKeyring;
  now?: Date;
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

type Outcome = 'verified' | 'invalid' | 'locked' | 'unusable';

export async function verifyTotp(db: Db, input: VerifyTotpInput): Promise<void> {
  const now = input.now ?? new Date();
  const { actor, requestId } = input;
  const outcome = await withTransaction(db, async (tx): Promise<Outcome> => {
    const user = await lockUser(tx, actor.userId);
    if (isLocked(user, now)) return 'locked';
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
      return 'unusable';
    }
    const step = matchTotp(secret, input.code, now);
    const last = await lastAcceptedStep(tx, user.id);
    if (step === null || (last !== null && step <= last)) {
      const replay = step !== null;
      const locked = await recordFailedAttempt(tx, { user, actor, reason: 'bad_totp', requestId, now, details: replay ? { replay: true } : {} });
      return locked ? 'locked' : 'invalid';
    }
    const enrolling = user.totpEnabledAt === null;
    if (enrolling) await tx.update(users).set({ totpEnabledAt: now, updatedAt: now }).where(eq(users.id, user.id));
    await clearFailures(tx, user, now);
    await tx.update(sessions).set({ mfaVerifiedAt: now, lastSeenAt: now }).where(eq(sessions.tokenHash, input.tokenHash));
    await recordAudit(tx, {
      actor,
      action: 'auth.mfa_verified',
      subjectType: 'user',
      subjectId: user.id,
      requestId,
      details: { method: 'totp', step, enrolled: enrolling },
    });
    return 'verified';
  });
  if (outcome === 'locked') throw new AppError('ACCOUNT_LOCKED');
  if (outcome === 'invalid') throw new AppError('INVALID_MFA_CODE');
  if (outcome === 'unusable') throw new AppError('INVALID_STATE', 'Tvåstegsverifieringen för kontot kan inte användas. Be en administratör att återställa den, och registrera den sedan på nytt.');
}
