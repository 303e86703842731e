// GET/PUT /api/v1/me/notification-preferences: which channels the logged-in user wants. Live
// updates are on unless turned off; e-mail goes to the given address or the account's.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { PreferencesDto } from '../../shared/api/notifications.ts';
import { readPreferences } from './queries.ts';
import { PutPreferencesBody } from './schemas.ts';
import { setNotificationPreferences } from './set-notification-preferences.ts';

export const preferenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const tags = ['notifications'];

  app.get('/me/notification-preferences', { schema: { tags, summary: 'My notification channels', response: { 200: PreferencesDto } } }, async (request) => {
    authorize(request.actor, 'notifications.own');
    const actor = request.actor;
    return { preferences: await withActorTransaction(db, actor, (tx) => readPreferences(tx, actor.userId)) };
  });

  app.put(
    '/me/notification-preferences',
    { schema: { tags, summary: 'Choose my notification channels', body: PutPreferencesBody, response: { 200: PreferencesDto } } },
    async (request) => {
      authorize(request.actor, 'notifications.own');
      const actor = request.actor;
      const preferences = await withActorTransaction(db, actor, async (tx) => {
        await setNotificationPreferences(tx, { userId: actor.userId, preferences: request.body.preferences });
        return readPreferences(tx, actor.userId);
      });
      return { preferences };
    },
  );
};
