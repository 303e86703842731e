// GET /cases/:id/handover-document.pdf and .json: the handover document for the receiving
// municipality's own case system (and the hub). One handler shape: authenticate (hook) →
// validate → load the case in the reader's scope (NOT_FOUND outside it) → authorize and check
// the state → audit the read and record the disclosure in one transaction → render.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import { HandoverDocument } from '../../shared/api/handover-document.ts';
import { downloadHandoverDocument } from './download-handover-document.ts';
import { handoverDocumentPdf } from './handover-document-pdf.ts';
import { getCase } from './queries.ts';
import { CaseIdParams } from './schemas.ts';

const WHO = 'the receiving municipality (intake, jour group or manager) and the hub; audited as a read of the case and, for the municipality, recorded in the disclosure register';

export const handoverDocumentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;

  /**
   * The document, rendered before the transaction commits: a rendering that fails rolls the read
   * and the disclosure back with it, so the register never records a document nobody received.
   */
  async function documentOf<T>(request: FastifyRequest, caseId: string, format: 'pdf' | 'json', render: (doc: HandoverDocument) => Promise<T> | T) {
    const actor = request.actor!;
    const now = app.now();
    const dir = await app.directoryCache.get(database.db);
    return withActorTransaction(database.db, actor, async (tx) => {
      const row = await getCase(tx, actor, caseId);
      const doc = await downloadHandoverDocument({ tx, actor, row, dir, now, requestId: request.id, personKey: config.auditPersonKey, format });
      return { number: doc.case.number, body: await render(doc) };
    });
  }

  app.get(
    '/cases/:id/handover-document.pdf',
    {
      schema: {
        tags: ['cases'],
        summary: `The handover document "Överlämnande av orosanmälan" as a PDF (A4, Swedish): case, child, report, decision with reasons, contact attempts, kvittens; with skyddad identitet no address or place. For ${WHO}`,
        params: CaseIdParams,
        produces: ['application/pdf'],
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const { number, body } = await documentOf(request, request.params.id, 'pdf', handoverDocumentPdf);
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="overlamnande-${number}.pdf"`)
        .send(body as unknown as string);
    },
  );

  app.get(
    '/cases/:id/handover-document.json',
    {
      schema: {
        tags: ['cases'],
        summary: `The same handover document as JSON in a documented schema (docs/handover-document.md) for import into a case system. For ${WHO}`,
        params: CaseIdParams,
        response: { 200: HandoverDocument },
      },
    },
    async (request, reply) => {
      // Checked against the published schema inside the transaction, for the same reason.
      const { number, body } = await documentOf(request, request.params.id, 'json', (doc) => HandoverDocument.parse(doc));
      reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="overlamnande-${number}.json"`);
      return body;
    },
  );
};
