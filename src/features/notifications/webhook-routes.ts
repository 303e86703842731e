// Webhook endpoints for admins. The signing secret is generated here and shown once, when
// created or rotated; afterwards only the receiver knows it, and the database holds it sealed
// (src/shared/sealed-secrets.ts), bound to its endpoint.
import { randomBytes, randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { webhookEndpoints } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { AppError } from '../../shared/errors.ts';
import { sealSecret } from '../../shared/sealed-secrets.ts';
import { webhookSecretContext } from '../../jobs/webhook.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { WebhookDto } from '../../shared/api/notifications.ts';
import { CreateWebhookBody, UpdateWebhookBody, UuidParam } from './schemas.ts';

type Row = typeof webhookEndpoints.$inferSelect;
const present = (r: Row) => ({ id: r.id, orgId: r.orgId, name: r.name, url: r.url, active: r.active, createdAt: r.createdAt.toISOString() });
const newSecret = () => randomBytes(32).toString('base64url');
const WithSecret = z.object({ endpoint: WebhookDto, secret: z.string().nullable() });

export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const { secrets } = app.deps.config;
  const tags = ['notifications'];

  app.get('/webhook-endpoints', { schema: { tags, summary: 'Outgoing webhook endpoints', response: { 200: z.object({ endpoints: z.array(WebhookDto) }) } } }, async (request) => {
    authorize(request.actor, 'webhooks.manage');
    return { endpoints: (await db.select().from(webhookEndpoints).orderBy(asc(webhookEndpoints.createdAt))).map(present) };
  });

  app.post(
    '/webhook-endpoints',
    { schema: { tags, summary: 'Add a webhook endpoint (orgId null: receives every notification); the secret is shown once', body: CreateWebhookBody, response: { 201: WithSecret } } },
    async (request, reply) => {
      authorize(request.actor, 'webhooks.manage');
      const actor = request.actor;
      const secret = newSecret();
      const id = randomUUID();
      const row = await withTransaction(db, async (tx) => {
        const [saved] = await tx
          .insert(webhookEndpoints)
          .values({ ...request.body, id, secret: sealSecret(secrets, webhookSecretContext(id), secret) })
          .returning();
        await recordAudit(tx, { actor, action: 'webhook.created', subjectType: 'webhook', subjectId: saved!.id, requestId: request.id, details: { orgId: saved!.orgId } });
        return saved!;
      });
      return reply.code(201).send({ endpoint: present(row), secret });
    },
  );

  app.put(
    '/webhook-endpoints/:id',
    { schema: { tags, summary: 'Change, deactivate or rotate the secret of a webhook endpoint', params: UuidParam, body: UpdateWebhookBody, response: { 200: WithSecret } } },
    async (request) => {
      authorize(request.actor, 'webhooks.manage');
      const actor = request.actor;
      const { rotateSecret, ...changes } = request.body;
      const secret = rotateSecret ? newSecret() : null;
      const row = await withTransaction(db, async (tx) => {
        const [saved] = await tx
          .update(webhookEndpoints)
          .set({ ...changes, ...(secret ? { secret: sealSecret(secrets, webhookSecretContext(request.params.id), secret) } : {}) })
          .where(eq(webhookEndpoints.id, request.params.id))
          .returning();
        if (!saved) throw new AppError('NOT_FOUND');
        await recordAudit(tx, { actor, action: 'webhook.updated', subjectType: 'webhook', subjectId: saved.id, requestId: request.id, details: { active: saved.active, secretRotated: Boolean(secret) } });
        return saved;
      });
      return { endpoint: present(row), secret };
    },
  );
};
