// PUT /api/v1/me/language: the logged-in user's language for the web app (issue 23 point 11).
// The session (GET /auth/me) reports it, so every device of the user starts in it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { Language } from '../../shared/api/auth.ts';
import { setUserLanguage } from './set-user-language.ts';

const LanguageBody = z.strictObject({ language: Language });

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.put(
    '/me/language',
    { schema: { tags: ['auth'], summary: 'Choose the language of the web app for my account (all my devices)', body: LanguageBody, response: { 200: LanguageBody } } },
    async (request) => {
      authorize(request.actor, 'account.own');
      const actor = request.actor;
      const { language } = request.body;
      await withActorTransaction(db, actor, (tx) => setUserLanguage(tx, { actor, language, requestId: request.id, now: app.now() }));
      return { language };
    },
  );
};
