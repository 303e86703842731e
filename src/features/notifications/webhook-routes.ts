// Webhook endpoints for admins. Each write has the handler shape of the case routes: authenticate
// (hook) → validate (zod, schemas.ts) → authorize (by role) → in one transaction: load → the
// operation with its audit row (create-webhook.ts, update-webhook.ts) → present. The signing
// secret is in the response once, when created or rotated; afterwards only the receiver knows it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withAdminTransaction } from '../../db/actor-transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { refuseWebhookUrl } from '../../jobs/webhook-target.ts';
import { AppError } from '../../shared/errors.ts';
import { WebhookDto } from '../../shared/api/notifications.ts';
import { createWebhook } from './create-webhook.ts';
import { presentWebhook } from './present.ts';
import { getWebhookForUpdate, listWebhooks } from './queries.ts';
import { CreateWebhookBody, UpdateWebhookBody, UuidParam } from './schemas.ts';
import { updateWebhook } from './update-webhook.ts';

const WithSecret = z.object({ endpoint: WebhookDto, secret: z.string().nullable() });

export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Outside demo mode: https only, and no address inside the network (SSRF; src/jobs/webhook-target.ts). */
  async function refuseInternalTarget(url: string): Promise<void> {
    const reason = await refuseWebhookUrl(url, app.deps.config.webhookTargets);
    if (reason) throw new AppError('VALIDATION_FAILED', reason, [{ path: 'body.url', message: reason }]);
  }

  const { db } = app.deps.database;
  const { secrets } = app.deps.config;
  const tags = ['notifications'];

  app.get('/webhook-endpoints', { schema: { tags, summary: 'Outgoing webhook endpoints', response: { 200: z.object({ endpoints: z.array(WebhookDto) }) } } }, async (request) => {
    const actor = request.actor;
    authorize(actor, 'webhooks.manage');
    return { endpoints: (await withAdminTransaction(db, actor, listWebhooks)).map(presentWebhook) };
  });

  app.post(
    '/webhook-endpoints',
    { schema: { tags, summary: 'Add a webhook endpoint (orgId null: receives every notification); the secret is shown once', body: CreateWebhookBody, response: { 201: WithSecret } } },
    async (request, reply) => {
      const actor = request.actor;
      authorize(actor, 'webhooks.manage');
      await refuseInternalTarget(request.body.url);
      const { endpoint, secret } = await withAdminTransaction(db, actor, (tx) => createWebhook(tx, { actor, endpoint: request.body, secrets, requestId: request.id }));
      return reply.code(201).send({ endpoint: presentWebhook(endpoint), secret });
    },
  );

  app.put(
    '/webhook-endpoints/:id',
    { schema: { tags, summary: 'Change, deactivate or rotate the secret of a webhook endpoint', params: UuidParam, body: UpdateWebhookBody, response: { 200: WithSecret } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'webhooks.manage');
      await refuseInternalTarget(request.body.url);
      const { endpoint, secret } = await withAdminTransaction(db, actor, async (tx) => {
        const current = await getWebhookForUpdate(tx, request.params.id);
        return updateWebhook(tx, { actor, endpoint: current, changes: request.body, secrets, requestId: request.id });
      });
      return { endpoint: presentWebhook(endpoint), secret };
    },
  );
};
