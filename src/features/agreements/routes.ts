// The register of agreements (avtalssamverkan). Every mutation has the handler shape of the case
// routes: authenticate (hook) → validate (zod, schemas.ts) → authorize → in one transaction: load
// → the operation (its own file, writing the directory history and audit rows) → present.
// Authorization is by role alone (agreements.write), so it runs before the load: a caller
// without the role learns nothing about which agreements exist.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { AgreementDto } from '../../shared/api/agreements.ts';
import { createAgreement } from './create-agreement.ts';
import { presentAgreement } from './present.ts';
import { getAgreementForUpdate, getMunicipalityName, listAgreements } from './queries.ts';
import { AgreementIdParam, CreateAgreementBody, TerminateAgreementBody } from './schemas.ts';
import { terminateAgreement } from './terminate-agreement.ts';

export const agreementRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.deps;
  const tags = ['agreements'];

  app.get(
    '/agreements',
    { schema: { tags, summary: 'The register of agreements (avtalssamverkan) with their decisions', response: { 200: z.object({ agreements: z.array(AgreementDto) }) } } },
    async (request) => {
      authorize(request.actor, 'agreements.read');
      const rows = await withActorTransaction(database.db, request.actor, (tx) => listAgreements(tx));
      const now = app.now();
      return { agreements: rows.map((r) => presentAgreement(r.agreement, r.municipalityName, now)) };
    },
  );

  app.post(
    '/agreements',
    { schema: { tags, summary: "Register a municipality's decision to join", body: CreateAgreementBody, response: { 201: AgreementDto } } },
    async (request, reply) => {
      const actor = request.actor;
      authorize(actor, 'agreements.write');
      const dto = await withActorTransaction(database.db, actor, async (tx) => {
        const created = await createAgreement(tx, { actor, agreement: request.body, requestId: request.id });
        return presentAgreement(created, await getMunicipalityName(tx, created.municipalityCode), app.now());
      });
      return reply.code(201).send(dto);
    },
  );

  app.post(
    '/agreements/:id/terminate',
    { schema: { tags, summary: 'Terminate an agreement from a date', params: AgreementIdParam, body: TerminateAgreementBody, response: { 200: AgreementDto } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'agreements.write');
      return withActorTransaction(database.db, actor, async (tx) => {
        const agreement = await getAgreementForUpdate(tx, request.params.id);
        const terminated = await terminateAgreement(tx, { actor, agreement, ...request.body, requestId: request.id });
        return presentAgreement(terminated, await getMunicipalityName(tx, terminated.municipalityCode), app.now());
      });
    },
  );
};
