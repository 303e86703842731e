// Every denied attempt to reach a case is audited (DESIGN.md rule 6): a reader who gets NOT_FOUND
// or FORBIDDEN for /cases/:id… leaves a row case.access_denied naming the case id asked for, in a
// transaction of its own (the request's own rolled back), as the reader (envagin_app with their
// context; the burst count reads only their own denials). The answer is unchanged: a probe still
// cannot tell a case it may not see from one that does not exist. A burst of them by one user
// alerts the auditors (alert-denial-burst.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { recordAudit } from '../../audit/record-audit.ts';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import { AppError } from '../../shared/errors.ts';
import { alertDenialBurst } from './alert-denial-burst.ts';
import { CaseIdParams } from './schemas.ts';

const DENIED = new Set(['NOT_FOUND', 'FORBIDDEN']);

export const auditDeniedCaseAccess = fp(async (app: FastifyInstance) => {
  app.addHook('onError', async (request, _reply, error) => {
    const url = request.routeOptions.url ?? '';
    if (!url.startsWith('/api/v1/cases/:id') || !request.actor) return;
    if (!(error instanceof AppError) || !DENIED.has(error.code)) return;
    const id = CaseIdParams.shape.id.safeParse((request.params as { id?: unknown }).id);
    if (!id.success) return;
    const actor = request.actor;
    await withActorTransaction(app.deps.database.db, actor, async (tx) => {
      await recordAudit(tx, {
        actor,
        action: 'case.access_denied',
        subjectType: 'case',
        subjectId: id.data,
        requestId: request.id,
        details: { method: request.method, route: url, code: error.code },
      });
      await alertDenialBurst(tx, { actor, rule: app.deps.config.deniedReadsAlert, now: app.now(), requestId: request.id });
    }).catch((failed: unknown) => {
      // The denial stands either way; an unwritable audit row is an operator's alarm, not a 500.
      request.log.error({ err: failed }, 'denied case access could not be audited');
    });
  });
});
