// The one way a request changes after it is sent: check the step against the rules
// (src/domain/information-requests.ts), apply it with a version-conditional update, stop the
// request's clock when it ends, and write the audit row and the other party's notification, all in
// the caller's transaction.
import { and, eq } from 'drizzle-orm';
import { informationRequests } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { checkRequestStep, type RequestStep } from '../../domain/information-requests.ts';
import { stopClock } from '../../jobs/clocks.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { notifyRequestStep, type RequestTopic } from './notify-request.ts';
import type { LoadedRequest, RequestRow } from './queries.ts';

export interface StepContext {
  tx: Tx;
  actor: Actor;
  /** Loaded and locked by getRequestForUpdate. */
  loaded: LoadedRequest;
  requestId: string;
  now: Date;
}

const topics: Record<RequestStep, RequestTopic> = {
  acknowledge: 'information_request.acknowledged',
  answer: 'information_request.answered',
  decline: 'information_request.declined',
  withdraw: 'information_request.withdrawn',
};

/** Throws NOT_FOUND, FORBIDDEN or INVALID_STATE (with a Swedish reason) when the step may not be taken now. */
export function assertRequestStep(ctx: StepContext, step: RequestStep) {
  const check = checkRequestStep(step, ctx.loaded.row.state, ctx.loaded.parts);
  if (!check.ok) throw new AppError(check.code, check.reason);
  return check.to;
}

export async function applyRequestStep(
  ctx: StepContext,
  step: RequestStep,
  patch: Partial<typeof informationRequests.$inferInsert>,
  audit: { fields: string[]; details?: Record<string, unknown> },
): Promise<RequestRow> {
  const to = assertRequestStep(ctx, step);
  const { tx, actor, now } = ctx;
  const before = ctx.loaded.row;
  const [row] = await tx
    .update(informationRequests)
    .set({ ...patch, state: to, version: before.version + 1 })
    .where(and(eq(informationRequests.id, before.id), eq(informationRequests.version, before.version)))
    .returning();
  // The row is locked FOR UPDATE, so this only happens if a caller forgot to lock it.
  if (!row) throw new AppError('CONFLICT');
  if (to === 'answered' || to === 'declined' || to === 'withdrawn') {
    await stopClock(tx, { caseId: row.caseId, clock: 'information_request', subjectId: row.id, reason: `request_${to}`, at: now });
  }
  await recordAudit(tx, {
    actor,
    action: topics[step],
    subjectType: 'case',
    subjectId: row.caseId,
    requestId: ctx.requestId,
    details: {
      number: row.caseNumber,
      informationRequestId: row.id,
      ...(row.personRef ? { person: row.personRef } : {}),
      from: before.state,
      to,
      fields: audit.fields,
      ...audit.details,
    },
  });
  // The asker hears of the addressee's steps, the addressee of a withdrawal.
  const [toOrg, live] = step === 'withdraw' ? [row.addressedOrgId, row.askingOrgId] : [row.askingOrgId, row.addressedOrgId];
  await notifyRequestStep(tx, topics[step], row, toOrg, [live]);
  return row;
}
