// GET /api/v1/notifications/deliveries: the admin's view of every delivery and its attempts.
// It shows the case number and where a message went, never the message text (rule 10), and
// masks e-mail addresses.
import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { outbox, outboxAttempts } from '../../db/schema.ts';
import { authorize } from '../../policies/permissions.ts';
import { DeliveryDto } from '../../shared/api/notifications.ts';
import { DeliveriesQuery } from './schemas.ts';

export function maskEmail(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

function recipientRef(r: Record<string, unknown>): z.infer<typeof DeliveryDto>['recipient'] {
  if (typeof r.webhookId === 'string') return { kind: 'webhook', ref: r.webhookId };
  if (typeof r.email === 'string') return { kind: 'email', ref: maskEmail(r.email) };
  if (typeof r.userId === 'string') return { kind: 'user', ref: r.userId };
  return { kind: 'org', ref: String(r.orgId ?? '') };
}

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/notifications/deliveries',
    { schema: { tags: ['notifications'], summary: 'Notification deliveries with their status history, newest first', querystring: DeliveriesQuery, response: { 200: z.object({ deliveries: z.array(DeliveryDto) }) } } },
    async (request) => {
      authorize(request.actor, 'notifications.deliveries');
      const q = request.query;
      const where: SQL[] = [];
      if (q.status) where.push(eq(outbox.status, q.status));
      if (q.channel) where.push(eq(outbox.channel, q.channel));
      if (q.before) where.push(lt(outbox.id, q.before));
      const rows = await db.select().from(outbox).where(and(...where)).orderBy(desc(outbox.id)).limit(q.limit);
      const attempts = rows.length
        ? await db.select().from(outboxAttempts).where(inArray(outboxAttempts.outboxId, rows.map((r) => r.id))).orderBy(outboxAttempts.id)
        : [];
      return {
        deliveries: rows.map((r) => ({
          id: r.id,
          topic: r.topic,
          channel: r.channel,
          recipient: recipientRef(r.recipient),
          caseNumber: typeof r.payload.caseNumber === 'string' ? r.payload.caseNumber : null,
          status: r.status,
          attempts: r.attempts,
          maxAttempts: r.maxAttempts,
          nextAttemptAt: r.nextAttemptAt.toISOString(),
          sentAt: r.sentAt?.toISOString() ?? null,
          lastError: r.lastError,
          createdAt: r.createdAt.toISOString(),
          history: attempts.filter((a) => a.outboxId === r.id).map((a) => ({ at: a.at.toISOString(), status: a.status, detail: a.detail })),
        })),
      };
    },
  );
};
