// GET /api/v1/events: a text/event-stream of the notifications addressed to the logged-in user
// or their organisation. A reconnecting EventSource sends Last-Event-ID and gets what it missed
// (up to an hour back) from the outbox before live events resume. Event ids are publication
// numbers (outbox.live_seq), in commit order across instances.
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withLiveEventsTransaction } from '../../db/actor-transaction.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { NotificationPayload, Recipient } from '../../jobs/notify.ts';
import { frame } from '../../jobs/sse.ts';
import { authorize } from '../../policies/permissions.ts';
import { securityHeaderValues } from '../../http/security-headers.ts';

const CATCH_UP_LIMIT = 100;

export const eventsRoute: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/events',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Live notifications for me and my organisation (text/event-stream)',
        // The stream is written by hand (hijacked below); this only documents what it is.
        response: {
          200: {
            description: 'Server-sent events: `id:` the publication number, `data:` one notification as JSON',
            content: { 'text/event-stream': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      authorize(actor, 'notifications.own');
      const { userId, orgId } = actor;
      const lastId = Number(request.headers['last-event-id']);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
        // Hijacked, so the onSend hook never runs: the security headers are given here.
        ...securityHeaderValues(undefined, app.deps.config.cookieSecure),
      });
      raw.write('retry: 3000\n\n');
      const catchUp = Number.isSafeInteger(lastId) && lastId > 0;
      // While the missed events are read, live ones are held back: written after them, and not
      // at all if the catch-up already carried them (an event can be both, published meanwhile).
      let held: string[] | null = catchUp ? [] : null;
      const write = (chunk: string) => (held ? held.push(chunk) : raw.write(chunk));
      const remove = app.sseHub.add({ userId, orgId, write, end: () => raw.end() });
      request.raw.on('close', remove);
      if (!catchUp) return;
      const replayed = new Set<number>();
      try {
        // Under the reader's context (role envagin_live): the outbox's policy keeps to the
        // reader's own rows a second time.
        const missed = await withLiveEventsTransaction(db, actor, (tx) =>
          queryRows<{ id: string; recipient: Recipient; payload: NotificationPayload }>(
            tx,
            sql`select live_seq as id, recipient, payload from outbox
               where channel = 'sse' and status = 'sent' and live_seq > ${lastId}
                 and (recipient->>'userId' = ${userId} or recipient->>'orgId' = ${orgId})
                 and created_at > now() - interval '1 hour'
               order by live_seq limit ${CATCH_UP_LIMIT}`,
          ),
        );
        for (const m of missed) {
          replayed.add(Number(m.id));
          raw.write(frame({ id: Number(m.id), recipient: m.recipient, payload: m.payload }));
        }
      } catch (error) {
        // The database is away (restarting): end the stream, so that the client comes back with
        // the same Last-Event-ID when it can be answered, rather than stay without what it missed.
        request.log.warn({ err: { name: (error as Error).name } }, 'live stream catch-up failed; the client reconnects');
        held = null;
        remove();
        raw.end();
        return;
      }
      const live = held ?? [];
      held = null;
      for (const chunk of live) {
        const id = Number(/^id: (\d+)$/m.exec(chunk)?.[1]);
        if (!replayed.has(id)) raw.write(chunk);
      }
    },
  );
};
