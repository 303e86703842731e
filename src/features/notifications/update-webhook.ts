// Changes, deactivates or rotates the secret of a webhook endpoint (admin), with its audit row in
// the same transaction. A rotated secret is returned once, to be shown to the admin.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { webhookEndpoints } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { webhookSecretContext } from '../../jobs/webhook.ts';
import type { Actor } from '../../shared/actor.ts';
import { sealSecret, type SecretKeyring } from '../../secrets/sealed-secrets.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { newWebhookSecret } from './create-webhook.ts';
import type { WebhookRow } from './queries.ts';
import type { UpdateWebhookBody } from './schemas.ts';

/** `endpoint` is the current row, locked by the caller (getWebhookForUpdate). */
export async function updateWebhook(
  tx: Tx,
  input: { actor: Actor; endpoint: WebhookRow; changes: z.infer<typeof UpdateWebhookBody>; secrets: SecretKeyring; requestId: string },
): Promise<{ endpoint: WebhookRow; secret: string | null }> {
  const { actor, endpoint, secrets, requestId } = input;
  const { rotateSecret, ...changes } = input.changes;
  const secret = rotateSecret ? newWebhookSecret() : null;
  const [saved] = await tx
    .update(webhookEndpoints)
    .set({ ...changes, ...(secret ? { secret: sealSecret(secrets, webhookSecretContext(endpoint.id), secret) } : {}) })
    .where(eq(webhookEndpoints.id, endpoint.id))
    .returning();
  await recordAudit(tx, { actor, action: 'webhook.updated', subjectType: 'webhook', subjectId: saved!.id, requestId, details: { active: saved!.active, secretRotated: Boolean(secret) } });
  return { endpoint: saved!, secret };
}
