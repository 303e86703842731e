// GET/PUT /api/v1/me/notification-preferences: which channels the logged-in user wants. Live
// updates are on unless turned off; e-mail goes to the given address or the account's.
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notificationPreferences } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { PreferencesDto } from '../../shared/api/notifications.ts';
import { PutPreferencesBody } from './schemas.ts';

export const preferenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const tags = ['notifications'];

  const read = async (userId: string) => {
    const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
    return (['sse', 'email'] as const).map((channel) => {
      const row = rows.find((r) => r.channel === channel);
      return { channel, enabled: row?.enabled ?? channel === 'sse', address: row?.address ?? null };
    });
  };

  app.get('/me/notification-preferences', { schema: { tags, summary: 'My notification channels', response: { 200: PreferencesDto } } }, async (request) => {
    authorize(request.actor, 'notifications.own');
    return { preferences: await read(request.actor.userId) };
  });

  app.put(
    '/me/notification-preferences',
    { schema: { tags, summary: 'Choose my notification channels', body: PutPreferencesBody, response: { 200: PreferencesDto } } },
    async (request) => {
      authorize(request.actor, 'notifications.own');
      const userId = request.actor.userId;
      await withTransaction(db, async (tx) => {
        for (const p of request.body.preferences) {
          const values = { enabled: p.enabled, address: p.channel === 'email' ? (p.address ?? null) : null };
          await tx
            .insert(notificationPreferences)
            .values({ userId, channel: p.channel, ...values })
            .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.channel], set: values });
        }
      });
      return { preferences: await read(userId) };
    },
  );
};
