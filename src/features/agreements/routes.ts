import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agreements, municipalities } from '../../db/schema.ts';
import type { AgreementRow } from '../../db/types.ts';
import { withTransaction } from '../../db/transaction.ts';
import { isAgreementInForce } from '../../domain/agreements.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';
import { authorize } from '../../policies/permissions.ts';
import { createAgreement } from './create-agreement.ts';
import { AgreementDto } from '../../shared/api/agreements.ts';
import { AgreementIdParam, CreateAgreementBody, TerminateAgreementBody } from './schemas.ts';
import { terminateAgreement } from './terminate-agreement.ts';

function present(a: AgreementRow, municipalityName: string): z.infer<typeof AgreementDto> {
  return {
    id: a.id,
    municipalityCode: a.municipalityCode,
    municipalityName,
    decidedBy: a.decidedBy,
    dnr: a.dnr,
    decisionDate: a.decisionDate,
    validFrom: a.validFrom,
    validTo: a.validTo,
    terminatedFrom: a.terminatedFrom,
    inForceToday: isAgreementInForce(a, stockholmDate(new Date())),
  };
}

export const agreementRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.deps;
  const tags = ['agreements'];

  app.get(
    '/agreements',
    { schema: { tags, summary: 'The register of agreements (avtalssamverkan) with their decisions', response: { 200: z.object({ agreements: z.array(AgreementDto) }) } } },
    async (request) => {
      authorize(request.actor, 'agreements.read');
      const rows = await database.db
        .select({ a: agreements, name: municipalities.name })
        .from(agreements)
        .innerJoin(municipalities, eq(municipalities.code, agreements.municipalityCode))
        .orderBy(asc(municipalities.name), asc(agreements.validFrom));
      return { agreements: rows.map((r) => present(r.a, r.name)) };
    },
  );

  app.post(
    '/agreements',
    { schema: { tags, summary: "Register a municipality's decision to join", body: CreateAgreementBody, response: { 201: AgreementDto } } },
    async (request, reply) => {
      authorize(request.actor, 'agreements.write');
      const actor = request.actor;
      const { row, name } = await withTransaction(database.db, async (tx) => {
        const created = await createAgreement(tx, { actor, agreement: request.body, requestId: request.id });
        const [m] = await tx.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.code, created.municipalityCode));
        return { row: created, name: m!.name };
      });
      return reply.code(201).send(present(row, name));
    },
  );

  app.post(
    '/agreements/:id/terminate',
    { schema: { tags, summary: 'Terminate an agreement from a date', params: AgreementIdParam, body: TerminateAgreementBody, response: { 200: AgreementDto } } },
    async (request) => {
      authorize(request.actor, 'agreements.write');
      const actor = request.actor;
      return withTransaction(database.db, async (tx) => {
        const row = await terminateAgreement(tx, { actor, id: request.params.id, ...request.body, requestId: request.id });
        const [m] = await tx.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.code, row.municipalityCode));
        return present(row, m!.name);
      });
    },
  );
};
