// Information requests (issue 20): the inbox of the reader's organisation, one request, the steps
// (acknowledge, answer, decline, withdraw), and per case the requests, whom the reader may ask,
// sending, and making another authority party. Every handler: authenticate (hook) → validate
// (zod) → load under the reader's row-level security → authorize (the request's parties, the
// ask rules) → one operation in one transaction (state + audit + outbox) → present. Every read of
// a request is audited.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { caseParties, cases } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import { checkAsk } from '../../domain/information-requests.ts';
import { caseRelations } from '../../policies/cases.ts';
import { requestParties } from '../../policies/information-requests.ts';
import { authorize } from '../../policies/permissions.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import {
  AddPartyBody,
  AnswerRequestBody,
  CaseRequestsDto,
  DeclineRequestBody,
  InboxQuery,
  PartyCaseDto,
  RequestDto,
  RequestIdParams,
  RequestListDto,
  SendRequestBody,
  WithdrawRequestBody,
} from '../../shared/api/information-requests.ts';
import { CaseIdParams } from '../cases/schemas.ts';
import { acknowledgeInformationRequest } from './acknowledge-information-request.ts';
import { addCaseParty } from './add-case-party.ts';
import { answerInformationRequest } from './answer-information-request.ts';
import type { StepContext } from './apply-request-step.ts';
import { askFacts, loadAskingContext, readerHandles } from './case-facts-for-asking.ts';
import { declineInformationRequest } from './decline-information-request.ts';
import { presentRequest } from './present.ts';
import {
  candidateAddressees,
  getRequestForUpdate,
  inboxWhere,
  listAuthorities,
  listCaseParties,
  listRequests,
  requestById,
  requestsOfCase,
  type ListedRequest,
} from './queries.ts';
import { sendInformationRequest } from './send-information-request.ts';
import { withdrawInformationRequest } from './withdraw-information-request.ts';

/** Presents listed requests with the reader's part in each (the cases read under row-level security). */
async function presentAll(tx: Tx, actor: Actor, listed: ListedRequest[]) {
  const caseIds = [...new Set(listed.map((l) => l.row.caseId))];
  const visible = caseIds.length ? await tx.select().from(cases).where(inArray(cases.id, caseIds)) : [];
  const relationsOf = new Map(visible.map((c) => [c.id, caseRelations(actor, c)]));
  return listed
    .map((l) => presentRequest(l, requestParties(actor, l.row, relationsOf.get(l.row.caseId) ?? [])))
    .filter((r) => r.parts.length > 0);
}

/** The audit row of a read of requests: which ones, and for one case its child's person reference. */
async function auditRead(tx: Tx, actor: Actor, requestId: string, listed: ListedRequest[], action: 'information_request.read' | 'information_request.list_read', caseId?: string) {
  if (listed.length === 0 && !caseId) return;
  const one = listed.length === 1 ? listed[0]!.row : null;
  await recordAudit(tx, {
    actor,
    action,
    subjectType: 'case',
    subjectId: caseId ?? one?.caseId ?? null,
    requestId,
    details: {
      informationRequestIds: listed.map((l) => l.row.id),
      ...(one ? { number: one.caseNumber, ...(one.personRef ? { person: one.personRef } : {}) } : {}),
    },
  });
}

export const informationRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;
  const tags = ['information-requests'];

  app.get(
    '/information-requests',
    { schema: { tags, summary: "The inbox 'Förfrågningar' of the reader's organisation: requests addressed to it, sent by it, or about cases it handles", querystring: InboxQuery, response: { 200: RequestListDto } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'requests.use');
      return withActorTransaction(database.db, actor, async (tx) => {
        const listed = await listRequests(tx, actor, inboxWhere(actor, request.query.box, request.query.state));
        const requests = await presentAll(tx, actor, listed);
        await auditRead(tx, actor, request.id, listed.filter((l) => requests.some((r) => r.id === l.row.id)), 'information_request.list_read');
        return { requests };
      });
    },
  );

  app.get(
    '/information-requests/:requestId',
    { schema: { tags, summary: 'One information request; the read is audited', params: RequestIdParams, response: { 200: RequestDto } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'requests.use');
      return withActorTransaction(database.db, actor, async (tx) => {
        const listed = await listRequests(tx, actor, requestById(request.params.requestId), 1);
        const [found] = await presentAll(tx, actor, listed);
        if (!found) throw new AppError('NOT_FOUND');
        await auditRead(tx, actor, request.id, listed, 'information_request.read');
        return found;
      });
    },
  );

  /** One step on a request, then the request as the reader now sees it. */
  const step = (path: string, summary: string, body: z.ZodType, run: (ctx: StepContext, body: never) => Promise<unknown>) =>
    app.post(path, { schema: { tags, summary, params: RequestIdParams, body, response: { 200: RequestDto } } }, async (request) => {
      const actor = request.actor;
      authorize(actor, 'requests.use');
      const { requestId } = request.params as z.infer<typeof RequestIdParams>;
      return withActorTransaction(database.db, actor, async (tx) => {
        const loaded = await getRequestForUpdate(tx, actor, requestId);
        await run({ tx, actor, loaded, requestId: request.id, now: app.now() }, request.body as never);
        const [after] = await presentAll(tx, actor, await listRequests(tx, actor, requestById(requestId), 1));
        return after!;
      });
    });

  step('/information-requests/:requestId/acknowledge', 'Acknowledge a request addressed to your organisation (sent → received)', z.strictObject({}), (ctx) => acknowledgeInformationRequest(ctx));
  step('/information-requests/:requestId/answer', 'Answer a received request; a risk assessment with its structured fields', AnswerRequestBody, (ctx, body: AnswerRequestBody) =>
    answerInformationRequest(ctx, body),
  );
  step('/information-requests/:requestId/decline', 'Decline a received request, with the reason', DeclineRequestBody, (ctx, body: z.infer<typeof DeclineRequestBody>) =>
    declineInformationRequest(ctx, body),
  );
  step('/information-requests/:requestId/withdraw', 'Withdraw a request your organisation sent that still waits', WithdrawRequestBody, (ctx, body: z.infer<typeof WithdrawRequestBody>) =>
    withdrawInformationRequest(ctx, body),
  );

  app.get(
    '/cases/:id/information-requests',
    { schema: { tags, summary: 'The requests about a case the reader sees, whom the reader may ask, and the authorities party to it', params: CaseIdParams, response: { 200: CaseRequestsDto } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'requests.use');
      return withActorTransaction(database.db, actor, async (tx) => {
        const asking = await loadAskingContext(tx, actor, request.params.id);
        const listed = await listRequests(tx, actor, requestsOfCase(asking.kase.id));
        const requests = await presentAll(tx, actor, listed);
        const socialServices = asking.relations.includes('hub') || asking.relations.includes('receiver');
        const parties = socialServices ? await listCaseParties(tx, asking.kase.id) : [];
        const partyIds = parties.map((p) => p.orgId);
        const candidates = await candidateAddressees(tx, asking.kase, partyIds);
        const addressees = candidates
          .filter((o) => checkAsk(askFacts(actor, asking, { ...o, id: o.orgId }, partyIds.includes(o.orgId) || (o.kind === 'authority' && o.orgId === asking.party?.orgId))).ok)
          .map(({ orgId, name, kind }) => ({ orgId, name, kind }));
        const authorities =
          readerHandles(asking) && asking.stage !== 'finished' && socialServices ? (await listAuthorities(tx)).filter((a) => !partyIds.includes(a.orgId)) : [];
        await auditRead(tx, actor, request.id, listed.filter((l) => requests.some((r) => r.id === l.row.id)), 'information_request.list_read', asking.kase.id);
        return { requests, addressees, parties: parties.map((p) => ({ ...p, addedAt: p.addedAt.toISOString() })), authorities };
      });
    },
  );

  app.post(
    '/cases/:id/information-requests',
    { schema: { tags, summary: 'Send an information request about the case to another organisation', params: CaseIdParams, body: SendRequestBody, response: { 201: RequestDto } } },
    async (request, reply) => {
      const actor = request.actor;
      authorize(actor, 'requests.use');
      const dto = await withActorTransaction(database.db, actor, async (tx) => {
        const row = await sendInformationRequest({ tx, actor, caseId: request.params.id, requestId: request.id, now: app.now(), personKey: config.auditPersonKey }, request.body);
        const [sent] = await presentAll(tx, actor, await listRequests(tx, actor, requestById(row.id), 1));
        return sent!;
      });
      return reply.code(201).send(dto);
    },
  );

  app.post(
    '/cases/:id/parties',
    {
      schema: {
        tags,
        summary:
          'Make another authority (SiS) party to the case, so requests can go between you; it discloses the case identity, so it names a legal ground (400 VALIDATION_FAILED at body.legalGroundId when missing, unknown or retired) and is recorded in the disclosure register',
        params: CaseIdParams,
        body: AddPartyBody,
        response: { 201: z.object({ orgId: z.string(), caseNumber: z.string(), addedAt: z.iso.datetime() }) },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      authorize(actor, 'cases.add_party');
      const row = await withActorTransaction(database.db, actor, (tx) =>
        addCaseParty({ tx, actor, caseId: request.params.id, requestId: request.id, now: app.now(), personKey: config.auditPersonKey }, request.body),
      );
      return reply.code(201).send({ orgId: row.orgId, caseNumber: row.caseNumber, addedAt: row.addedAt.toISOString() });
    },
  );

  app.get(
    '/party-cases',
    { schema: { tags, summary: "The cases the reader's organisation (another authority) is party to, with the least identity it may see", response: { 200: z.object({ cases: z.array(PartyCaseDto) }) } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'requests.use');
      return withActorTransaction(database.db, actor, async (tx) => {
        const rows = await tx.select().from(caseParties).where(and(eq(caseParties.orgId, actor.orgId), isNull(caseParties.endedAt))).orderBy(caseParties.addedAt);
        if (rows.length > 0) {
          await recordAudit(tx, { actor, action: 'case_party.list_read', subjectType: 'case', requestId: request.id, details: { caseIds: rows.map((r) => r.caseId) } });
        }
        return {
          cases: rows.map((r) => ({ caseId: r.caseId, caseNumber: r.caseNumber, initials: r.childInitials, birthYear: r.childBirthYear, addedAt: r.addedAt.toISOString() })),
        };
      });
    },
  );
};
