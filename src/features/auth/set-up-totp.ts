// Starts TOTP enrolment: a new secret is stored as pending (totp_enabled_at null) and returned
// once, with its otpauth:// URI; enrolment completes when /auth/totp/verify accepts a code from
// it. Asking again before that replaces the pending secret; after it, the secret is never shown.
// It is stored sealed (src/secrets/sealed-secrets.ts), bound to the user.
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { sealSecret, type SecretKeyring } from '../../secrets/sealed-secrets.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { lockUser } from './account-lock.ts';
import { newTotpSecret, otpauthUri } from './totp.ts';
import { now } from '../../jobs/clock-source.ts';

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
}

export const totpSecretContext = (userId: string) => `totp:${userId}`;

export async function setUpTotp(tx: Tx, actor: Actor, requestId: string, secrets: SecretKeyring): Promise<TotpSetup> {
  const user = await lockUser(tx, actor.userId);
  if (user.totpEnabledAt) throw new AppError('CONFLICT', 'Tvåstegsverifiering är redan aktiverad för kontot.');
  const secret = newTotpSecret();
  await tx.update(users).set({ totpSecret: sealSecret(secrets, totpSecretContext(user.id), secret), updatedAt: now() }).where(eq(users.id, user.id));
  await recordAudit(tx, { actor, action: 'auth.totp_setup_started', subjectType: 'user', subjectId: user.id, requestId });
  return { secret, otpauthUri: otpauthUri(secret, user.username) };
}
