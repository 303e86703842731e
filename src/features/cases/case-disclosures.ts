// The disclosures the case flow makes (DESIGN.md rule 8), each recorded in the register in the
// transaction of the transition that makes it: a handover gives the receiving unit the report
// and the decision (the fields skyddad identitet hides until the kvittens are disclosed at the
// kvittens), a forward gives the responsible authority the report, an återkoppling tells the
// police what SoL lets them know. A refused or failed transition rolls its record back with it.
import { eq } from 'drizzle-orm';
import { municipalities } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { caseFields, feedbackFields, handoverGround, legalGrounds, protectedReportFields, reportFieldNames } from '../../domain/disclosures.ts';
import { recordDisclosure } from '../../audit/record-disclosure.ts';
import type { TransitionContext } from './apply-transition.ts';
import type { CaseRow } from './queries.ts';

const PROTECTED: readonly string[] = protectedReportFields;
/** The hub's id in the directory (as in case-effects.ts): the handover's discloser. */
const HUB_ORG = 'hub';

/** The report's protected fields a receiver does not see before its kvittens (cases/present.ts). */
function withheldBeforeKvittens(row: CaseRow): string[] {
  return row.protectedIdentity ? reportFieldNames(row.report).filter((f) => PROTECTED.includes(f)) : [];
}

async function municipalityOrg(tx: Tx, code: string): Promise<{ orgId: string | null; name: string }> {
  const [m] = await tx.select({ orgId: municipalities.orgId, name: municipalities.name }).from(municipalities).where(eq(municipalities.code, code));
  return { orgId: m?.orgId ?? null, name: m?.name ?? code };
}

/** The unit a handover goes to: the contact's intake or jour group, else the municipality itself. */
async function receiverOf(tx: Tx, row: CaseRow): Promise<{ orgId: string | null; name: string }> {
  if (row.handoverOrgId) return { orgId: row.handoverOrgId, name: row.handoverOrgId };
  return municipalityOrg(tx, row.responsibleMunicipalityCode!);
}

function base(ctx: TransitionContext) {
  return { personKey: ctx.personKey, actor: ctx.actor, at: ctx.now, requestId: ctx.requestId };
}

/** A decision to hand over: the report (less what skyddad identitet hides) and the decision, to the receiving unit. */
export async function discloseHandover(ctx: TransitionContext, after: CaseRow): Promise<void> {
  if (after.status !== 'handover_pending') return;
  const to = await receiverOf(ctx.tx, after);
  await recordDisclosure(ctx.tx, {
    ...base(ctx),
    kase: after,
    kind: 'handover',
    fromOrganisationId: ctx.actor.orgId,
    toOrganisationId: to.orgId,
    toName: to.name,
    fields: [...caseFields, ...reportFieldNames(after.report, withheldBeforeKvittens(after)), 'decision.basis', 'decision.reasons'],
    legalGround: handoverGround(after.basis),
  });
}

/** The kvittens of a child with skyddad identitet: the receiver now sees the addresses and places as well. */
export async function discloseProtectedAtKvittens(ctx: TransitionContext, after: CaseRow): Promise<void> {
  const fields = withheldBeforeKvittens(after);
  if (fields.length === 0 || !after.acceptedByOrgId) return;
  await recordDisclosure(ctx.tx, {
    ...base(ctx),
    kase: after,
    kind: 'handover',
    fromOrganisationId: HUB_ORG,
    toOrganisationId: after.acceptedByOrgId,
    fields,
    legalGround: handoverGround(after.basis),
  });
}

/** A forward under förvaltningslagen: the whole report, to the responsible municipality. */
export async function discloseForward(ctx: TransitionContext, after: CaseRow, municipalityCode: string): Promise<void> {
  const to = await municipalityOrg(ctx.tx, municipalityCode);
  await recordDisclosure(ctx.tx, {
    ...base(ctx),
    kase: after,
    kind: 'forward',
    fromOrganisationId: ctx.actor.orgId,
    toOrganisationId: to.orgId,
    toName: to.name,
    fields: [...caseFields, ...reportFieldNames(after.report)],
    legalGround: legalGrounds.forward,
  });
}

/** A report returned to the police: the case number and the reason, to the reporting police organisation. */
export async function discloseReturn(ctx: TransitionContext, after: CaseRow): Promise<void> {
  await recordDisclosure(ctx.tx, {
    ...base(ctx),
    kase: after,
    kind: 'return',
    fromOrganisationId: ctx.actor.orgId,
    toOrganisationId: after.reporterOrgId,
    fields: ['case.number', 'return.reason'],
    legalGround: legalGrounds.returned,
  });
}

/** Återkoppling to the reporting police organisation. */
export async function discloseFeedback(ctx: TransitionContext, after: CaseRow, feedback: { withheld: boolean; message: string }): Promise<void> {
  await recordDisclosure(ctx.tx, {
    ...base(ctx),
    kase: after,
    kind: 'feedback',
    fromOrganisationId: ctx.actor.orgId,
    toOrganisationId: after.reporterOrgId,
    fields: ['case.number', ...feedbackFields(feedback)],
    legalGround: legalGrounds.feedback,
  });
}
