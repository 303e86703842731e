// GET /api/v1/notifications/deliveries: the admin's view of every delivery and its attempts
// (queries.ts), presented without message text and with e-mail addresses masked (present.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../policies/permissions.ts';
import { DeliveryDto } from '../../shared/api/notifications.ts';
import { presentDelivery } from './present.ts';
import { listDeliveries } from './queries.ts';
import { DeliveriesQuery } from './schemas.ts';

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/notifications/deliveries',
    { schema: { tags: ['notifications'], summary: 'Notification deliveries with their status history, newest first', querystring: DeliveriesQuery, response: { 200: z.object({ deliveries: z.array(DeliveryDto) }) } } },
    async (request) => {
      authorize(request.actor, 'notifications.deliveries');
      const { rows, attempts } = await listDeliveries(db, request.query);
      return { deliveries: rows.map((r) => presentDelivery(r, attempts)) };
    },
  );
};
