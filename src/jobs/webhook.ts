// The generic outgoing webhook (an SMS gateway, a municipality's own system). The body is signed
// with HMAC-SHA256 of the raw bytes under the endpoint's secret; `x-envagin-delivery` carries the
// outbox id, because delivery is at least once and receivers dedupe on it.
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { eq } from 'drizzle-orm';
import { webhookEndpoints } from '../db/schema.ts';
import type { Db } from '../db/types.ts';
import { openSecretOrNull, type SecretKeyring } from '../secrets/sealed-secrets.ts';
import { absoluteLink } from './email.ts';
import type { OutboxRow, SendResult } from './outbox-dispatch.ts';
import { BLOCKED_TARGET, guardedLookup, isInternalAddress, type WebhookTargetRule } from './webhook-target.ts';

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
    private readonly rule: WebhookTargetRule = { enforce: false, allowedHosts: new Set() },
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
    const target = new URL(endpoint.url);
    // Saved before the rule, or changed behind the API's back: the same rule, before any connection.
    if (this.rule.enforce && target.protocol !== 'https:') return { ok: false, permanent: true, detail: 'webhooken måste använda https' };
    const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (this.rule.enforce && isIP(host) && isInternalAddress(host) && !this.rule.allowedHosts.has(host)) {
      return { ok: false, permanent: true, detail: 'webhookens adress är intern' };
    }
    try {
      const status = await post(target, { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(key, body), [DELIVERY_HEADER]: String(row.id) }, body, guardedLookup(this.rule));
      if (status >= 200 && status < 300) return { ok: true, detail: `http ${status}` };
      // 4xx other than 408/429 will not get better by retrying; 5xx and timeouts may.
      const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
      return { ok: false, permanent, detail: `http ${status}` };
    } catch (error) {
      // The name now resolves inward (rebinding, or a changed record): refused, and retrying may see it change back.
      if ((error as { code?: string }).code === BLOCKED_TARGET) return { ok: false, detail: 'webhookens adress leder till ett internt nät' };
      return { ok: false, detail: `nätverksfel: ${(error as Error).name}` };
    }
  }
}

/**
 * One POST, its status code only. Through node:http(s) rather than fetch so that the connection's
 * address lookup is ours (webhook-target.ts); a redirect is an answer like any other, never followed.
 */
function post(url: URL, headers: Record<string, string>, body: string, lookup: LookupFunction | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, signal: AbortSignal.timeout(TIMEOUT_MS), ...(lookup ? { lookup } : {}) }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
