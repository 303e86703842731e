// Adds a webhook endpoint (admin), with its audit row in the same transaction. The signing secret
// is generated here and returned once, to be shown to the admin; the database holds it sealed
// (src/secrets/sealed-secrets.ts), bound to its endpoint.
import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { webhookEndpoints } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { webhookSecretContext } from '../../jobs/webhook.ts';
import type { Actor } from '../../shared/actor.ts';
import { sealSecret, type SecretKeyring } from '../../secrets/sealed-secrets.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { WebhookRow } from './queries.ts';
import type { CreateWebhookBody } from './schemas.ts';

/** A fresh signing secret: 256 random bits. */
export const newWebhookSecret = () => randomBytes(32).toString('base64url');

export async function createWebhook(
  tx: Tx,
  input: { actor: Actor; endpoint: z.infer<typeof CreateWebhookBody>; secrets: SecretKeyring; requestId: string },
): Promise<{ endpoint: WebhookRow; secret: string }> {
  const { actor, endpoint, secrets, requestId } = input;
  const secret = newWebhookSecret();
  const id = randomUUID();
  const [saved] = await tx
    .insert(webhookEndpoints)
    .values({ ...endpoint, id, secret: sealSecret(secrets, webhookSecretContext(id), secret) })
    .returning();
  await recordAudit(tx, { actor, action: 'webhook.created', subjectType: 'webhook', subjectId: saved!.id, requestId, details: { orgId: saved!.orgId } });
  return { endpoint: saved!, secret };
}
