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
import { RequestIdParams } from '../../shared/api/information-requests.ts';

const DENIED = new Set(['NOT_FOUND', 'FORBIDDEN']);

/**
 * What a denied request asked for: a case (every /cases/:id… route: the case, its thread, contact
 * log, handover document, its information requests…) or one of a case's information requests by
 * its own id (/information-requests/:requestId…), which carries the case's number and the child's
 * initials. Both count towards the same burst. Anything else (lists, other resources) is not a case.
 */
function deniedSubject(url: string, params: unknown): { type: 'case' | 'information_request'; id: string } | null {
  if (url.startsWith('/api/v1/cases/:id')) {
    const id = CaseIdParams.shape.id.safeParse((params as { id?: unknown }).id);
    return id.success ? { type: 'case', id: id.data } : null;
  }
  if (url.startsWith('/api/v1/information-requests/:requestId')) {
    const id = RequestIdParams.shape.requestId.safeParse((params as { requestId?: unknown }).requestId);
    return id.success ? { type: 'information_request', id: id.data } : null;
  }
  return null;
}

export const auditDeniedCaseAccess = fp(async (app: FastifyInstance) => {
  app.addHook('onError', async (request, _reply, error) => {
    const url = request.routeOptions.url ?? '';
    const subject = deniedSubject(url, request.params);
    if (!subject || !request.actor) return;
    if (!(error instanceof AppError) || !DENIED.has(error.code)) return;
    const actor = request.actor;
    await withActorTransaction(app.deps.database.db, actor, async (tx) => {
      await recordAudit(tx, {
        actor,
        action: 'case.access_denied',
        subjectType: subject.type,
        subjectId: subject.id,
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
