// Brings every stored secret under the current SECRETS_KEY: secrets written before sealing
// existed (in clear) and secrets sealed under the previous key during a rotation. Runs after the
// migrations, at `envagin migrate` and at every start; one instance at a time, and a no-op when
// everything is already sealed under the current key. The tables are small (one row per user or
// webhook endpoint), so it is one transaction.
import { eq, isNotNull, sql } from 'drizzle-orm';
import { users, webhookEndpoints } from '../../db/schema.ts';
import { queryRows } from '../../db/query-rows.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { Db } from '../../db/types.ts';
import { webhookSecretContext } from '../../jobs/webhook.ts';
import { needsResealing, openSecret, sealSecret, type SecretKeyring } from '../../shared/sealed-secrets.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { totpSecretContext } from '../auth/set-up-totp.ts';

const RESEAL_LOCK = 7_281_946_303;

export interface ResealResult {
  totpSecrets: number;
  webhookSecrets: number;
}

const reseal = (ring: SecretKeyring, context: string, stored: string) => sealSecret(ring, context, openSecret(ring, context, stored));

export async function resealSecrets(db: Db, ring: SecretKeyring): Promise<ResealResult> {
  return withTransaction(db, async (tx) => {
    await queryRows(tx, sql`select pg_advisory_xact_lock(${RESEAL_LOCK})`);
    const result: ResealResult = { totpSecrets: 0, webhookSecrets: 0 };
    const withTotp = await tx.select({ id: users.id, secret: users.totpSecret }).from(users).where(isNotNull(users.totpSecret)).for('update');
    for (const u of withTotp) {
      if (!u.secret || !needsResealing(ring, u.secret)) continue;
      await tx.update(users).set({ totpSecret: reseal(ring, totpSecretContext(u.id), u.secret) }).where(eq(users.id, u.id));
      result.totpSecrets++;
    }
    const hooks = await tx.select({ id: webhookEndpoints.id, secret: webhookEndpoints.secret }).from(webhookEndpoints).for('update');
    for (const h of hooks) {
      if (!needsResealing(ring, h.secret)) continue;
      await tx.update(webhookEndpoints).set({ secret: reseal(ring, webhookSecretContext(h.id), h.secret) }).where(eq(webhookEndpoints.id, h.id));
      result.webhookSecrets++;
    }
    if (result.totpSecrets + result.webhookSecrets > 0) {
      await recordAudit(tx, { actor: null, action: 'secrets.resealed', details: { ...result } });
    }
    return result;
  });
}
