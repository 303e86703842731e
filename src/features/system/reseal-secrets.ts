// Brings every stored secret sealed under an earlier SECRETS_KEY (during a rotation) under the
// current one. Runs after the migrations, at `envagin migrate` and at every start; one instance at
// a time, and a no-op when everything is already sealed under the current key. The tables are
// small (one row per user or webhook endpoint), so it is one transaction.
//
// A secret found in clear is not sealed here: it did not come from envagin, which has only ever
// written secrets sealed, so it may have been planted by someone with write access to the
// database. It is counted and named to the operator, stays refused wherever it would be used,
// and is replaced by resetting the user's TOTP or rotating the webhook's secret.
import { eq, isNotNull, sql } from 'drizzle-orm';
import { users, webhookEndpoints } from '../../db/schema.ts';
import { queryRows } from '../../db/query-rows.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { Db } from '../../db/types.ts';
import { webhookSecretContext } from '../../jobs/webhook.ts';
import { isSealed, needsResealing, openSecret, sealSecret, type SecretKeyring } from '../../secrets/sealed-secrets.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { totpSecretContext } from '../auth/set-up-totp.ts';

const RESEAL_LOCK = 7_281_946_303;

export interface ResealResult {
  totpSecrets: number;
  webhookSecrets: number;
  /** Secrets stored in clear, left refused: the users (by username) and webhooks (by name) to reset. */
  inClear: { users: string[]; webhooks: string[] };
}

const reseal = (ring: SecretKeyring, context: string, stored: string) => sealSecret(ring, context, openSecret(ring, context, stored));

export async function resealSecrets(db: Db, ring: SecretKeyring): Promise<ResealResult> {
  return withTransaction(db, async (tx) => {
    await queryRows(tx, sql`select pg_advisory_xact_lock(${RESEAL_LOCK})`);
    const result: ResealResult = { totpSecrets: 0, webhookSecrets: 0, inClear: { users: [], webhooks: [] } };
    const withTotp = await tx
      .select({ id: users.id, username: users.username, secret: users.totpSecret })
      .from(users)
      .where(isNotNull(users.totpSecret))
      .orderBy(users.username)
      .for('update');
    for (const u of withTotp) {
      if (!u.secret) continue;
      if (!isSealed(u.secret)) result.inClear.users.push(u.username);
      if (!needsResealing(ring, u.secret)) continue;
      await tx.update(users).set({ totpSecret: reseal(ring, totpSecretContext(u.id), u.secret) }).where(eq(users.id, u.id));
      result.totpSecrets++;
    }
    const hooks = await tx.select({ id: webhookEndpoints.id, name: webhookEndpoints.name, secret: webhookEndpoints.secret }).from(webhookEndpoints).orderBy(webhookEndpoints.name).for('update');
    for (const h of hooks) {
      if (!isSealed(h.secret)) result.inClear.webhooks.push(h.name);
      if (!needsResealing(ring, h.secret)) continue;
      await tx.update(webhookEndpoints).set({ secret: reseal(ring, webhookSecretContext(h.id), h.secret) }).where(eq(webhookEndpoints.id, h.id));
      result.webhookSecrets++;
    }
    if (result.totpSecrets + result.webhookSecrets > 0) {
      await recordAudit(tx, { actor: null, action: 'secrets.resealed', details: { totpSecrets: result.totpSecrets, webhookSecrets: result.webhookSecrets } });
    }
    return result;
  });
}
