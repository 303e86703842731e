// The auditor's view of the disclosure register (utlämnanden, DESIGN.md rule 8): list and export
// by child, organisation and period. The child's number travels in a POST body and is turned
// into the keyed person reference the register holds; it is neither stored nor logged as typed.
// Every search and export is itself audited, in the transaction of the read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { filtersForLog } from '../audit/search-filters.ts';
import { personRef } from '../../audit/person-ref.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { withAuditTransaction } from '../../db/actor-transaction.ts';
import { parseIdentityNumber } from '../../domain/identity.ts';
import { addDays, localToInstant, stockholmDate } from '../../domain/stockholm-time.ts';
import { authorize } from '../../policies/permissions.ts';
import { DisclosureOrganisations, DisclosurePage, DisclosureSearch } from '../../shared/api/disclosures.ts';
import { AppError } from '../../shared/errors.ts';
import { disclosuresCsv } from './disclosures-csv.ts';
import { listDisclosureOrganisations, listDisclosures, type DisclosureFilter, type DisclosureRow } from './queries.ts';

/** An export is at most this many rows; the auditor narrows the period for more. */
const EXPORT_LIMIT = 50_000;

const present = (r: DisclosureRow) => ({
  id: String(r.id),
  at: r.at.toISOString(),
  kind: r.kind,
  caseId: r.caseId,
  caseNumber: r.caseNumber,
  fromOrgId: r.fromOrgId,
  fromName: r.fromName,
  toOrgId: r.toOrgId,
  toName: r.toName,
  fields: r.fields,
  legalGround: r.legalGround,
  actorName: r.actorName,
  actorRole: r.actorRole,
});

export const disclosureRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;
  const tags = ['disclosures'];

  /** The search as a filter, and as the audit log keeps it (the person by reference only). */
  function filterOf(q: DisclosureSearch, limit: number): { filter: DisclosureFilter; logged: Record<string, unknown> } {
    let person: string | undefined;
    if (q.identityNumber) {
      const parsed = parseIdentityNumber(q.identityNumber, stockholmDate(app.now()));
      if (!parsed.ok) throw new AppError('VALIDATION_FAILED', parsed.message, [{ path: 'body.identityNumber', message: parsed.message }]);
      person = personRef(config.auditPersonKey, parsed.normalized);
    }
    const filter: DisclosureFilter = {
      limit,
      ...(person ? { personRef: person } : {}),
      ...(q.organisationId ? { organisationId: q.organisationId } : {}),
      // Whole days in Swedish time, both ends included.
      ...(q.from ? { fromAt: localToInstant(q.from, '00:00') } : {}),
      ...(q.to ? { beforeAt: localToInstant(addDays(q.to, 1), '00:00') } : {}),
      ...(q.cursor ? { beforeId: Number(q.cursor) } : {}),
    };
    // The organisation field is free text: a personnummer typed there is kept only as its reference too.
    const logged = { ...(person ? { person } : {}), ...filtersForLog({ organisationId: q.organisationId ?? null }, config.auditPersonKey, stockholmDate(app.now())), from: q.from ?? null, to: q.to ?? null };
    return { filter, logged };
  }

  app.post(
    '/disclosures/search',
    {
      schema: {
        tags,
        summary:
          'The disclosure register, newest first (keyset pagination by id): by child (personnummer in the body, matched by its keyed reference), organisation (discloser or receiver) and period in Swedish time; auditor only, audited',
        body: DisclosureSearch,
        response: { 200: DisclosurePage },
      },
    },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'disclosures.read');
      const { filter, logged } = filterOf(request.body, request.body.limit);
      return withAuditTransaction(database.db, actor, async (tx) => {
        const page = await listDisclosures(tx, filter);
        await recordAudit(tx, { actor, action: 'disclosures.searched', requestId: request.id, details: { filters: logged, returned: page.rows.length } });
        return { items: page.rows.map(present), nextCursor: page.nextCursor };
      });
    },
  );

  app.post(
    '/disclosures/export.csv',
    {
      schema: {
        tags,
        summary: `The same search as CSV (semicolon-separated, UTF-8 with BOM; Swedish time, organisations by name), at most ${EXPORT_LIMIT} rows; auditor only, audited`,
        body: DisclosureSearch,
        produces: ['text/csv'],
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      authorize(actor, 'disclosures.read');
      const { filter, logged } = filterOf({ ...request.body, cursor: undefined }, EXPORT_LIMIT);
      const rows = await withAuditTransaction(database.db, actor, async (tx) => {
        const page = await listDisclosures(tx, filter);
        await recordAudit(tx, { actor, action: 'disclosures.exported', requestId: request.id, details: { filters: logged, returned: page.rows.length, truncated: page.nextCursor !== null } });
        return page.rows;
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="envagin-utlamnanden-${stockholmDate(app.now())}.csv"`)
        .send(disclosuresCsv(rows));
    },
  );

  app.get(
    '/disclosures/organisations',
    { schema: { tags, summary: 'The organisations that appear in the disclosure register (for the filter); auditor only', response: { 200: DisclosureOrganisations } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'disclosures.read');
      return { organisations: await withAuditTransaction(database.db, actor, listDisclosureOrganisations) };
    },
  );
};
