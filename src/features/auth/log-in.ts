// Logs a user in: verifies the password outside any transaction (argon2 is slow by design),
// then creates the session and its audit row in one transaction.
import { sessions } from '../../db/schema.ts';
import type { Db } from '../../db/types.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../shared/errors.ts';
import type { Actor } from '../../shared/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
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
}

export async function logIn(db: Db, input: LogInInput): Promise<LogInResult> {
  const found = await findUserByUsername(db, input.username);
  const ok = await verifyPassword(found?.user.passwordHash ?? null, input.password);
  if (!found || !ok || found.user.disabledAt) {
    await withTransaction(db, (tx) =>
      recordAudit(tx, {
        actor: null,
        action: 'auth.login_failed',
        subjectType: 'user',
        subjectId: found?.user.id ?? null,
        requestId: input.requestId,
        details: { reason: !found ? 'unknown_user' : found.user.disabledAt ? 'disabled' : 'bad_password' },
      }),
    );
    throw new AppError('INVALID_CREDENTIALS');
  }
  const actor = toActor(found.user, found.org);
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + input.absoluteHours * 3_600_000);
  await withTransaction(db, async (tx) => {
    await tx.insert(sessions).values({ tokenHash: hashToken(token), userId: actor.userId, csrfToken, expiresAt });
    await recordAudit(tx, {
      actor,
      action: 'auth.logged_in',
      subjectType: 'user',
      subjectId: actor.userId,
      requestId: input.requestId,
    });
  });
  return { actor, token, csrfToken, expiresAt };
}
