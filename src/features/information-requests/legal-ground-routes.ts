// The legal grounds requests may cite: listed to everyone who asks or answers, kept by admins.
// Reference data without personal data; like the directory, read and written on the reader's own
// context, where row-level security lets only an admin reader write (docs/row-level-security.md).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { legalGrounds } from '../../db/schema.ts';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { AddLegalGroundBody, EditLegalGroundBody, LegalGroundDto, LegalGroundIdParams } from '../../shared/api/information-requests.ts';
import { addLegalGround } from './add-legal-ground.ts';
import { editLegalGround } from './edit-legal-ground.ts';
import { retireLegalGround } from './retire-legal-ground.ts';

type GroundRow = typeof legalGrounds.$inferSelect;
const present = (g: GroundRow) => ({ id: g.id, citation: g.citation, description: g.description, retiredAt: g.retiredAt?.toISOString() ?? null });

export const legalGroundRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.deps;
  const tags = ['information-requests'];

  app.get(
    '/legal-grounds',
    { schema: { tags, summary: 'The legal grounds an information request may cite (retired ones marked)', response: { 200: z.object({ legalGrounds: z.array(LegalGroundDto) }) } } },
    async (request) => {
      authorize(request.actor, 'legal_grounds.read');
      const rows = await withActorTransaction(database.db, request.actor, (tx) => tx.select().from(legalGrounds).orderBy(asc(legalGrounds.citation)));
      return { legalGrounds: rows.map(present) };
    },
  );

  app.post(
    '/legal-grounds',
    { schema: { tags, summary: 'Add a legal ground (admin)', body: AddLegalGroundBody, response: { 201: LegalGroundDto } } },
    async (request, reply) => {
      const actor = request.actor;
      authorize(actor, 'legal_grounds.manage');
      const row = await withActorTransaction(database.db, actor, (tx) => addLegalGround(tx, { actor, ...request.body, requestId: request.id, now: app.now() }));
      return reply.code(201).send(present(row));
    },
  );

  app.put(
    '/legal-grounds/:id',
    {
      schema: {
        tags,
        summary: "Correct a legal ground's citation and description (admin); the id, and what cited it, stay",
        params: LegalGroundIdParams,
        body: EditLegalGroundBody,
        response: { 200: LegalGroundDto },
      },
    },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'legal_grounds.manage');
      return present(await withActorTransaction(database.db, actor, (tx) => editLegalGround(tx, { actor, id: request.params.id, ...request.body, requestId: request.id })));
    },
  );

  app.post(
    '/legal-grounds/:id/retire',
    { schema: { tags, summary: 'Retire a legal ground (admin): no new request may cite it', params: LegalGroundIdParams, response: { 200: LegalGroundDto } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'legal_grounds.manage');
      return present(await withActorTransaction(database.db, actor, (tx) => retireLegalGround(tx, { actor, id: request.params.id, requestId: request.id, now: app.now() })));
    },
  );
};
