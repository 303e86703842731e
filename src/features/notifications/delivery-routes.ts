// GET /api/v1/notifications/deliveries: the admin's view of every delivery and its attempts
// (queries.ts), presented without message text and with e-mail addresses masked (present.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withAdminTransaction } from '../../db/actor-transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { emailContent } from '../../jobs/email.ts';
import { AppError } from '../../shared/errors.ts';
import { DeliveryDto, DemoMailDto } from '../../shared/api/notifications.ts';
import { maskEmail, presentDelivery } from './present.ts';
import { listDeliveries, listDemoMail, recipientNames } from './queries.ts';
import { DeliveriesQuery } from './schemas.ts';

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const { config } = app.deps;

  app.get(
    '/notifications/deliveries',
    { schema: { tags: ['notifications'], summary: 'Notification deliveries with their status history, newest first', querystring: DeliveriesQuery, response: { 200: z.object({ deliveries: z.array(DeliveryDto) }) } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'notifications.deliveries');
      const { rows, attempts, names } = await withAdminTransaction(db, actor, async (tx) => {
        const page = await listDeliveries(tx, request.query);
        return { ...page, names: await recipientNames(tx, page.rows) };
      });
      return { deliveries: rows.map((r) => presentDelivery(r, attempts, names)) };
    },
  );

  app.get(
    '/notifications/demo-outbox',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Demo mode without SMTP_URL: the e-mails the built-in outbox holds (what would have been sent), newest first; 404 otherwise',
        response: { 200: z.object({ mail: z.array(DemoMailDto) }) },
      },
    },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'notifications.deliveries');
      if (!config.demoMode || config.engine.smtpUrl) throw new AppError('NOT_FOUND');
      const rows = await withAdminTransaction(db, actor, (tx) => listDemoMail(tx, 50));
      return {
        mail: rows.map((r) => {
          const recipient = r.recipient as { email?: string };
          const payload = r.payload as { caseNumber: string; text: string; link: string };
          return {
            id: r.id,
            createdAt: r.createdAt.toISOString(),
            caseNumber: typeof payload.caseNumber === 'string' ? payload.caseNumber : null,
            to: maskEmail(recipient.email ?? ''),
            ...emailContent(config.publicUrl, payload),
          };
        }),
      };
    },
  );
};
