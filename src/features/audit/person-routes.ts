// Per person: "who has seen this child's data" and the register extract (registerutdrag) for
// the data subject (build-register-extract.ts). The identity number travels in the request body, never in a URL,
// and the audit log is searched by its keyed reference (person-ref.ts), never by the number.
import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditLog, caseMessages, contactAttempts, users } from '../../db/schema.ts';
import { withAuditTransaction, withRegisterExtractTransaction } from '../../db/actor-transaction.ts';
import { parseIdentityNumber } from '../../domain/identity.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';
import { authorize } from '../../policies/permissions.ts';
import { AppError } from '../../shared/errors.ts';
import { personRef } from '../../audit/person-ref.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { RegisterExtractDto } from '../../shared/api/audit.ts';
import { buildRegisterExtract } from './build-register-extract.ts';

const PersonBody = z.strictObject({ identityNumber: z.string().trim().min(10).max(13) });

const AccessDto = z.object({
  accesses: z.array(
    z.object({
      at: z.iso.datetime(),
      action: z.string(),
      actorUserId: z.string().nullable(),
      actorName: z.string().nullable(),
      actorRole: z.string().nullable(),
      actorOrgId: z.string().nullable(),
      caseId: z.string().nullable(),
      caseNumber: z.string().nullable(),
    }),
  ),
  truncated: z.boolean(),
});

const LIMIT = 5000;

function normalise(input: string, now: Date): string {
  const parsed = parseIdentityNumber(input, stockholmDate(now));
  if (!parsed.ok) throw new AppError('VALIDATION_FAILED', parsed.message, [{ path: 'body.identityNumber', message: parsed.message }]);
  return parsed.normalized;
}

export const personAuditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.deps;
  const tags = ['audit'];

  app.post(
    '/audit/person-access',
    { schema: { tags, summary: "Who has read or changed this person's data, oldest first; auditor only", body: PersonBody, response: { 200: AccessDto } } },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'audit.read');
      const ref = personRef(config.auditPersonKey, normalise(request.body.identityNumber, app.now()));
      return withAuditTransaction(database.db, actor, async (tx) => {
        const rows = await tx
          .select({ a: auditLog, name: users.displayName })
          .from(auditLog)
          .leftJoin(users, eq(users.id, auditLog.actorUserId))
          .where(sql`(${auditLog.details}->>'person') = ${ref}`)
          .orderBy(asc(auditLog.id))
          .limit(LIMIT + 1);
        await recordAudit(tx, { actor, action: 'audit.person_access_searched', requestId: request.id, details: { person: ref, returned: Math.min(rows.length, LIMIT) } });
        return {
          accesses: rows.slice(0, LIMIT).map(({ a, name }) => ({
            at: a.at.toISOString(),
            action: a.action,
            actorUserId: a.actorUserId,
            actorName: name,
            actorRole: a.actorRole,
            actorOrgId: a.actorOrgId,
            caseId: a.subjectType === 'case' ? a.subjectId : null,
            caseNumber: typeof a.details.number === 'string' ? a.details.number : null,
          })),
          truncated: rows.length > LIMIT,
        };
      });
    },
  );

  app.post(
    '/audit/register-extract',
    {
      schema: {
        tags,
        summary:
          'Registerutdrag (GDPR art. 15) for the person the data is about: their data, purposes, legal basis, source, recipients and storage period; no assessments, notes, thread or call log, and no address or place of a child with skyddad identitet. Audited as a read of each case.',
        body: PersonBody,
        response: { 200: RegisterExtractDto },
      },
    },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'audit.register_extract');
      const number = normalise(request.body.identityNumber, app.now());
      return withRegisterExtractTransaction(database.db, actor, number, (tx) =>
        buildRegisterExtract(tx, {
          actor,
          identityNumber: number,
          personKey: config.auditPersonKey,
          retention: config.retention,
          now: app.now(),
          requestId: request.id,
          countsOf: async (ids) => {
            const counts = new Map(ids.map((id) => [id, { messages: 0, attempts: 0 }]));
            if (ids.length === 0) return counts;
            for (const m of await tx.select({ caseId: caseMessages.caseId, n: count() }).from(caseMessages).where(inArray(caseMessages.caseId, ids)).groupBy(caseMessages.caseId)) counts.get(m.caseId)!.messages = m.n;
            for (const a of await tx.select({ caseId: contactAttempts.caseId, n: count() }).from(contactAttempts).where(inArray(contactAttempts.caseId, ids)).groupBy(contactAttempts.caseId)) counts.get(a.caseId)!.attempts = a.n;
            return counts;
          },
        }),
      );
    },
  );
};
