// Rows → responses (src/shared/api/notifications.ts). A delivery shows the case number and where
// a message went, never the message text (rule 10), and masks e-mail addresses.
import type { z } from 'zod';
import { PolicyDto, type DeliveryDto, type WebhookDto } from '../../shared/api/notifications.ts';
import type { DeliveryAttemptRow, DeliveryRow, PolicyRow, WebhookRow } from './queries.ts';

export const presentPolicy = (r: PolicyRow): z.infer<typeof PolicyDto> => PolicyDto.parse({ ...r, updatedAt: r.updatedAt.toISOString() });

export const presentWebhook = (r: WebhookRow): z.infer<typeof WebhookDto> => ({
  id: r.id,
  orgId: r.orgId,
  name: r.name,
  url: r.url,
  active: r.active,
  createdAt: r.createdAt.toISOString(),
});

export function maskEmail(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

function recipientRef(r: Record<string, unknown>, names: ReadonlyMap<string, string>): z.infer<typeof DeliveryDto>['recipient'] {
  const nameOf = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? null) : null);
  if (typeof r.webhookId === 'string') return { kind: 'webhook', ref: r.webhookId, name: nameOf(r.webhookId) };
  // An e-mail names whose mailbox it is (the unit's, or the user's own).
  if (typeof r.email === 'string') return { kind: 'email', ref: maskEmail(r.email), name: nameOf(r.orgId) ?? nameOf(r.userId) };
  if (typeof r.userId === 'string') return { kind: 'user', ref: r.userId, name: nameOf(r.userId) };
  return { kind: 'org', ref: String(r.orgId ?? ''), name: nameOf(r.orgId) };
}

export function presentDelivery(r: DeliveryRow, attempts: readonly DeliveryAttemptRow[], names: ReadonlyMap<string, string> = new Map()): z.infer<typeof DeliveryDto> {
  return {
    id: r.id,
    topic: r.topic,
    channel: r.channel,
    recipient: recipientRef(r.recipient, names),
    caseNumber: typeof r.payload.caseNumber === 'string' ? r.payload.caseNumber : null,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.maxAttempts,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    history: attempts.filter((a) => a.outboxId === r.id).map((a) => ({ at: a.at.toISOString(), status: a.status, detail: a.detail })),
  };
}
