// Sends an information request about a case to another organisation (issue 20): checks who may
// ask whom (src/domain/information-requests.ts), the legal ground (an admin-kept list) and the
// deadline, then in the caller's transaction writes the request, starts its clock (due at the
// asker's date, else 24 hours when urgent, else the policy's deadline), the audit row and the
// addressee's notification.
import { and, eq, isNull } from 'drizzle-orm';
import { informationRequests, legalGrounds } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { computeDueAt } from '../../domain/deadlines.ts';
import { checkAsk } from '../../domain/information-requests.ts';
import { startClock } from '../../jobs/clocks.ts';
import { findPolicies } from '../../jobs/policies.ts';
import { personRef } from '../../audit/person-ref.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Actor } from '../../shared/actor.ts';
import type { SendRequestBody } from '../../shared/api/information-requests.ts';
import { AppError } from '../../shared/errors.ts';
import { askFacts, loadAskingContext } from './case-facts-for-asking.ts';
import { notifyRequestStep } from './notify-request.ts';
import { findActiveParty, findOrganisation, type RequestRow } from './queries.ts';

const HOUR = 60 * 60_000;
/** An asker's own deadline must leave the addressee some time, and not lie beyond a quarter. */
const MIN_LEAD_MS = 15 * 60_000;
const MAX_LEAD_MS = 90 * 24 * HOUR;
const URGENT_MS = 24 * HOUR;

export interface SendContext {
  tx: Tx;
  actor: Actor;
  caseId: string;
  requestId: string;
  now: Date;
  personKey: string;
}

const invalid = (path: string, message: string, detail: string) => new AppError('VALIDATION_FAILED', detail, [{ path, message }]);

export async function sendInformationRequest(ctx: SendContext, body: SendRequestBody): Promise<RequestRow> {
  const { tx, actor, now } = ctx;
  const asking = await loadAskingContext(tx, actor, ctx.caseId);
  const addressee = await findOrganisation(tx, body.addressedOrgId);
  if (!addressee) throw invalid('body.addressedOrgId', 'Okänd organisation', 'Organisationen finns inte.');
  const addresseeIsParty = addressee.kind === 'authority' && (await findActiveParty(tx, ctx.caseId, addressee.id)) !== null;
  const decision = checkAsk(askFacts(actor, asking, addressee, addresseeIsParty));
  if (!decision.ok) throw new AppError(decision.code, decision.reason);

  const [ground] = await tx.select().from(legalGrounds).where(and(eq(legalGrounds.id, body.legalGroundId), isNull(legalGrounds.retiredAt)));
  if (!ground) throw invalid('body.legalGroundId', 'Okänd eller upphörd rättslig grund', 'Välj en rättslig grund ur listan.');

  const { kase } = asking;
  let dueAt: Date;
  if (body.deadline) {
    dueAt = new Date(body.deadline);
    const lead = dueAt.getTime() - now.getTime();
    if (lead < MIN_LEAD_MS || lead > MAX_LEAD_MS) {
      throw invalid('body.deadline', 'Minst 15 minuter och högst 90 dagar fram', 'Svarstiden ska vara minst 15 minuter och högst 90 dagar fram.');
    }
  } else if (body.urgency === 'urgent') {
    dueAt = new Date(now.getTime() + URGENT_MS);
  } else {
    const [policy] = await findPolicies(tx, [{ clock: 'information_request', municipalityCode: kase.responsibleMunicipalityCode }]);
    dueAt = computeDueAt(now, policy!.deadline);
  }

  const person = kase.identityNumber ? personRef(ctx.personKey, kase.identityNumber) : (asking.party?.personRef ?? null);
  const [row] = await tx
    .insert(informationRequests)
    .values({
      caseId: kase.id,
      caseNumber: kase.number,
      askingOrgId: actor.orgId,
      addressedOrgId: addressee.id,
      kinds: body.kinds,
      text: body.text,
      legalGroundId: ground.id,
      urgency: body.urgency,
      deadlineAt: dueAt,
      personRef: person,
      sentAt: now,
      sentByUserId: actor.userId,
      sentByName: actor.displayName,
    })
    .returning();
  await startClock(tx, { caseId: kase.id, clock: 'information_request', subjectId: row!.id, startedAt: now, municipalityCode: kase.responsibleMunicipalityCode, dueAt });
  await recordAudit(tx, {
    actor,
    action: 'information_request.sent',
    subjectType: 'case',
    subjectId: kase.id,
    requestId: ctx.requestId,
    details: {
      number: kase.number,
      informationRequestId: row!.id,
      ...(person ? { person } : {}),
      to: addressee.id,
      kinds: body.kinds,
      legalGround: ground.id,
      fields: ['kinds', 'text', 'legalGroundId', 'urgency', 'deadline'],
    },
  });
  await notifyRequestStep(tx, 'information_request.sent', row!, addressee.id, [actor.orgId]);
  return row!;
}
