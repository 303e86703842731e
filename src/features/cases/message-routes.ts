import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import type { TransitionContext } from './apply-transition.ts';
import { markMessageRead } from './mark-message-read.ts';
import { postMessage } from './post-message.ts';
import { getCaseForUpdate } from './queries.ts';
import { CaseIdParams, MessageBody } from './schemas.ts';

const MessageParams = z.strictObject({ id: z.uuid('Ogiltigt ärende-id'), messageId: z.uuid('Ogiltigt meddelande-id') });

export const messageRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;
  const tags = ['cases'];

  app.post(
    '/cases/:id/messages',
    {
      schema: {
        tags,
        summary: 'Post a question, answer or note in the clarification thread',
        params: CaseIdParams,
        body: MessageBody,
        response: { 201: z.object({ id: z.uuid(), at: z.iso.datetime() }) },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const message = await withActorTransaction(database.db, actor, async (tx) => {
        const kase = await getCaseForUpdate(tx, actor, request.params.id);
        const ctx: TransitionContext = { tx, actor, kase, requestId: request.id, now: app.now(), personKey: config.auditPersonKey };
        const posted = await postMessage(ctx, request.body);
        if (posted.kind !== 'note') {
          await app.caseEffects?.onTransition(tx, posted.kind === 'question' ? 'message_question' : 'message_answer', kase, kase, posted.replyToId ?? posted.id);
        }
        return posted;
      });
      return reply.code(201).send({ id: message.id, at: message.at.toISOString() });
    },
  );

  app.post(
    '/cases/:id/messages/:messageId/read',
    { schema: { tags, summary: 'Read receipt for a message of the thread', params: MessageParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = request.actor!;
      await withActorTransaction(database.db, actor, async (tx) => {
        const kase = await getCaseForUpdate(tx, actor, request.params.id);
        await markMessageRead({ tx, actor, kase, requestId: request.id, now: app.now(), personKey: config.auditPersonKey }, request.params.messageId);
      });
      return reply.code(204).send(null);
    },
  );
};
