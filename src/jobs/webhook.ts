// The generic outgoing webhook (an SMS gateway, a municipality's own system). The body is signed
// with HMAC-SHA256 of the raw bytes under the endpoint's secret; `x-envagin-delivery` carries the
// outbox id, because delivery is at least once and receivers dedupe on it.
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { webhookEndpoints } from '../db/schema.ts';
import type { Db } from '../db/types.ts';
import { openSecretOrNull, type SecretKeyring } from '../secrets/sealed-secrets.ts';
import { absoluteLink } from './email.ts';
import type { OutboxRow, SendResult } from './outbox-dispatch.ts';

export const SIGNATURE_HEADER = 'x-envagin-signature';
export const DELIVERY_HEADER = 'x-envagin-delivery';
const TIMEOUT_MS = 10_000;

/** What an endpoint's sealed signing secret is bound to. */
export const webhookSecretContext = (endpointId: string) => `webhook:${endpointId}`;

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export class WebhookSender {
  constructor(
    private readonly db: Db,
    private readonly publicUrl: string,
    private readonly secrets: SecretKeyring,
  ) {}

  async send(row: OutboxRow): Promise<SendResult> {
    if (!('webhookId' in row.recipient)) return { ok: false, permanent: true, detail: 'mottagare saknar webhook' };
    const [endpoint] = await this.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, row.recipient.webhookId));
    if (!endpoint?.active) return { ok: false, permanent: true, detail: 'webhooken är borttagen eller inaktiv' };
    const body = JSON.stringify({
      deliveryId: row.id,
      topic: row.payload.topic,
      caseNumber: row.payload.caseNumber,
      text: row.payload.text,
      link: absoluteLink(this.publicUrl, row.payload.link),
    });
    const key = openSecretOrNull(this.secrets, webhookSecretContext(endpoint.id), endpoint.secret);
    // Retrying will not make it open: the secret is in clear (refused), altered or of another key.
    if (key === null) return { ok: false, permanent: true, detail: 'webhookens hemlighet kan inte användas: rotera den' };
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(key, body), [DELIVERY_HEADER]: String(row.id) },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      await res.body?.cancel();
      if (res.ok) return { ok: true, detail: `http ${res.status}` };
      // 4xx other than 408/429 will not get better by retrying; 5xx and timeouts may.
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      return { ok: false, permanent, detail: `http ${res.status}` };
    } catch (error) {
      return { ok: false, detail: `nätverksfel: ${(error as Error).name}` };
    }
  }
}
