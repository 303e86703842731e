// Filing, listing and reading cases. Transitions are in transition-routes.ts, the thread in
// message-routes.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import { caseScopeParts } from '../../policies/cases.ts';
import { authorize } from '../../policies/permissions.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { CaseDto, CaseListDto, ReportBody, SubmitResultDto } from '../../shared/api/cases.ts';
import { loadCaseView } from './load-case-view.ts';
import { officeHandoversOf } from '../../jobs/office-handovers.ts';
import { NO_CLOCKS, presentSummary } from './present.ts';
import { decodeCursor, encodeCursor, getCase, listByAttention, listCases, runningClocksOf } from './queries.ts';
import { CaseIdParams, ListQuery } from './schemas.ts';
import { fileReport } from './file-report.ts';

const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ message: 'Idempotency-Key krävs: samma nyckel vid omsändning ger samma ärende' })
    .regex(/^[A-Za-z0-9_.:-]{8,100}$/, 'Idempotency-Key ska vara 8–100 tecken (bokstäver, siffror, - _ . :)'),
});

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;
  const tags = ['cases'];
  const filing = { directory: app.directoryCache, personKey: config.auditPersonKey, effects: app.caseEffects };

  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'File a report of concern (police). Requires an Idempotency-Key header.',
        headers: IdempotencyHeaders,
        body: ReportBody,
        response: { 200: SubmitResultDto, 201: SubmitResultDto },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      authorize(actor, 'cases.file');
      const { row, created } = await fileReport(
        database.db,
        { actor, report: request.body, idempotencyKey: request.headers['idempotency-key'], requestId: request.id, now: app.now() },
        filing,
      );
      const routing = row.routing as { responsibleMunicipality?: { name: string } | null; contact?: { orgName: string } | null } | null;
      return reply.code(created ? 201 : 200).send({
        id: row.id,
        number: row.number,
        status: row.status,
        created,
        duplicateFlag: row.duplicateFlag,
        expectedContact: { municipality: routing?.responsibleMunicipality?.name ?? null, orgName: routing?.contact?.orgName ?? null },
      });
    },
  );

  app.get(
    '/cases',
    { schema: { tags, summary: 'Cases the reader may open: the hub queue, a municipality’s cases, the police unit’s reports', querystring: ListQuery, response: { 200: CaseListDto } } },
    async (request) => {
      const actor = request.actor!;
      const scope = caseScopeParts(actor);
      if (!scope) throw new AppError('FORBIDDEN');
      const cursor = request.query.cursor ? decodeCursor(request.query.cursor) : undefined;
      const dir = await app.directoryCache.get(database.db);
      const now = app.now();
      const { rows, clocks, counts, handovers } = await withActorTransaction(database.db, actor, async (tx) => {
        const { rows: found, counts } =
          request.query.order === 'attention'
            ? await listByAttention(tx, scope, { limit: request.query.limit, now })
            : { rows: await listCases(tx, scope, { status: request.query.status, limit: request.query.limit, cursor }), counts: undefined };
        if (found.length > 0) {
          await recordAudit(tx, { actor, action: 'case.list_read', subjectType: 'case', requestId: request.id, details: { caseIds: found.map((r) => r.id) } });
        }
        const ids = found.map((r) => r.id);
        return { rows: found, counts, clocks: await runningClocksOf(tx, ids), handovers: await officeHandoversOf(tx, ids) };
      });
      const last = rows.at(-1);
      return {
        cases: rows.map((r) => presentSummary(r, actor, clocks.get(r.id) ?? NO_CLOCKS, dir, handovers.get(r.id))),
        nextCursor:
          counts === undefined && last && rows.length === request.query.limit ? encodeCursor({ receivedAt: last.receivedAt.toISOString(), id: last.id }) : null,
        ...(counts ? { counts } : {}),
      };
    },
  );

  app.get(
    '/cases/:id',
    { schema: { tags, summary: 'One case, as much of it as the reader may see; the read is audited', params: CaseIdParams, response: { 200: CaseDto } } },
    async (request, reply) => {
      const actor = request.actor!;
      const dir = await app.directoryCache.get(database.db);
      const view = await withActorTransaction(database.db, actor, async (tx) => {
        const row = await getCase(tx, actor, request.params.id);
        return loadCaseView(tx, actor, row, { dir, now: app.now(), requestId: request.id, personKey: config.auditPersonKey });
      });
      reply.header('etag', `"${view.version}"`);
      return view;
    },
  );
};
