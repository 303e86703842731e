import { desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { directoryChanges } from '../../db/schema.ts';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';
import { authorize } from '../../policies/permissions.ts';
import { ContactPointDto, DirectoryChangeDto, DirectoryDto } from '../../shared/api/directory.ts';
import { presentDirectory } from './present.ts';
import { replaceContacts } from './replace-contacts.ts';
import { replaceJourMembers } from './replace-jour-members.ts';
import { ChangesQuery, OrgIdParam, ReplaceContactsBody, ReplaceJourMembersBody, SetHoursBody } from './schemas.ts';
import { setOpeningHours } from './set-opening-hours.ts';

export const directoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.deps;
  const tags = ['directory'];

  app.get(
    '/directory',
    { schema: { tags, summary: 'Units, jour groups, contact chains and hours of every municipality', response: { 200: DirectoryDto } } },
    async (request) => {
      authorize(request.actor, 'directory.read');
      return presentDirectory(await app.directoryCache.get(database.db), stockholmDate(app.now()));
    },
  );

  app.put(
    '/directory/organisations/:orgId/contacts',
    {
      schema: {
        tags,
        summary: 'Replace the ordered contact chain (phone numbers, functional mailboxes) of a unit or jour group',
        params: OrgIdParam,
        body: ReplaceContactsBody,
        response: { 200: z.object({ contacts: z.array(ContactPointDto) }) },
      },
    },
    async (request) => {
      authorize(request.actor, 'directory.write');
      const actor = request.actor;
      const contacts = await withActorTransaction(database.db, actor, (tx) =>
        replaceContacts(tx, { actor, orgId: request.params.orgId, ...request.body, requestId: request.id }),
      );
      return { contacts };
    },
  );

  app.put(
    '/directory/organisations/:orgId/hours',
    {
      schema: {
        tags,
        summary: 'Set the opening hours of an intake unit, or the hours of a jour group (null: whenever members are closed)',
        params: OrgIdParam,
        body: SetHoursBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'directory.write');
      const actor = request.actor;
      await withActorTransaction(database.db, actor, (tx) =>
        setOpeningHours(tx, { actor, orgId: request.params.orgId, hours: request.body.hours, reason: request.body.reason, requestId: request.id }),
      );
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/directory/jour-groups/:orgId/members',
    {
      schema: {
        tags,
        summary: 'Replace the member municipalities of a jour group (optionally dated)',
        params: OrgIdParam,
        body: ReplaceJourMembersBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'directory.write');
      const actor = request.actor;
      await withActorTransaction(database.db, actor, (tx) =>
        replaceJourMembers(tx, { actor, orgId: request.params.orgId, ...request.body, requestId: request.id }),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/directory/changes',
    {
      schema: { tags, summary: 'History of directory changes, newest first', querystring: ChangesQuery, response: { 200: z.object({ changes: z.array(DirectoryChangeDto) }) } },
    },
    async (request) => {
      authorize(request.actor, 'directory.history');
      const rows = await withActorTransaction(database.db, request.actor, (tx) =>
        tx
          .select()
          .from(directoryChanges)
          .where(request.query.entityId ? eq(directoryChanges.entityId, request.query.entityId) : undefined)
          .orderBy(desc(directoryChanges.id))
          .limit(request.query.limit),
      );
      return { changes: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
    },
  );
};
