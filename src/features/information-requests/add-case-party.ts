// The social services handling a case make another authority (SiS) party to it, so that requests
// can go between them. The authority gets a party row with the least case identity it needs
// (case number, the child's initials and birth year; nothing with a protected identity), never the
// case: that is itself a disclosure of case identity to another organisation, so it names a legal
// ground from the admins' list and is recorded in the disclosure register (utlämnanden) in the same
// transaction, and audited with the fields, not their values.
import { and, eq, isNull } from 'drizzle-orm';
import { caseParties, legalGrounds } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { leastIdentity } from '../../domain/information-requests.ts';
import { personRef } from '../../audit/person-ref.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { enqueueNotification } from '../../jobs/notify.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { recordDisclosure } from '../../audit/record-disclosure.ts';
import { loadAskingContext, readerHandles } from './case-facts-for-asking.ts';
import { findActiveParty, findOrganisation, type PartyRow } from './queries.ts';

export interface PartyContext {
  tx: Tx;
  actor: Actor;
  caseId: string;
  requestId: string;
  now: Date;
  personKey: string;
}

/** 'YYYYMMDD-NNNN' → 'YYYY-MM-DD' (a samordningsnummer's day is 60 more, its year the same). */
const birthDateOf = (identityNumber: string | null) => (identityNumber ? `${identityNumber.slice(0, 4)}-${identityNumber.slice(4, 6)}-01` : null);

export async function addCaseParty(ctx: PartyContext, body: { orgId: string; legalGroundId: string }): Promise<PartyRow> {
  const { orgId } = body;
  const { tx, actor, now } = ctx;
  const asking = await loadAskingContext(tx, actor, ctx.caseId);
  if (!readerHandles(asking)) throw new AppError('FORBIDDEN', 'Bara den socialtjänst som handlägger ärendet kan göra en annan myndighet till part.');
  if (asking.stage === 'finished') throw new AppError('INVALID_STATE', 'Ärendet är avslutat.');
  const org = await findOrganisation(tx, orgId);
  if (!org || org.kind !== 'authority') throw new AppError('VALIDATION_FAILED', 'Välj en myndighet.', [{ path: 'body.orgId', message: 'Ingen annan myndighet' }]);
  if (await findActiveParty(tx, ctx.caseId, org.id)) throw new AppError('INVALID_STATE', 'Myndigheten är redan part i ärendet.');
  const [ground] = await tx.select().from(legalGrounds).where(and(eq(legalGrounds.id, body.legalGroundId), isNull(legalGrounds.retiredAt)));
  if (!ground) throw new AppError('VALIDATION_FAILED', 'Välj en rättslig grund ur listan.', [{ path: 'body.legalGroundId', message: 'Okänd eller upphörd rättslig grund' }]);
  const { kase } = asking;
  const child = (kase.report as { child?: { name?: string } } | null)?.child;
  const identity = leastIdentity(child?.name ?? null, birthDateOf(kase.identityNumber), kase.protectedIdentity);
  const person = kase.identityNumber ? personRef(ctx.personKey, kase.identityNumber) : null;
  const [row] = await tx
    .insert(caseParties)
    .values({
      caseId: kase.id,
      orgId: org.id,
      caseNumber: kase.number,
      childInitials: identity.initials,
      childBirthYear: identity.birthYear,
      personRef: person,
      addedAt: now,
      addedByUserId: actor.userId,
      addedByOrgId: actor.orgId,
    })
    .returning();
  await recordAudit(tx, {
    actor,
    action: 'case.party_added',
    subjectType: 'case',
    subjectId: kase.id,
    requestId: ctx.requestId,
    details: {
      number: kase.number,
      ...(person ? { person } : {}),
      orgId: org.id,
      legalGroundId: ground.id,
      fields: ['caseNumber', ...(identity.initials ? ['childInitials'] : []), ...(identity.birthYear ? ['childBirthYear'] : [])],
    },
  });
  await recordDisclosure(tx, {
    kase,
    personRef: person,
    kind: 'case_party',
    fromOrganisationId: actor.orgId,
    toOrganisationId: org.id,
    fields: ['case.number', ...(identity.initials ? ['child.initials'] : []), ...(identity.birthYear ? ['child.birthYear'] : [])],
    legalGround: ground.citation,
    actor,
    at: now,
    requestId: ctx.requestId,
  });
  await enqueueNotification(tx, {
    topic: 'case.party_added',
    caseId: kase.id,
    caseNumber: kase.number,
    orgIds: [org.id],
    text: `Er myndighet är part i ärende ${kase.number} och kan ta emot och ställa förfrågningar om det.`,
    link: '/forfragningar',
  });
  return row!;
}
