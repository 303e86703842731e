// Who stands in what relation to a case (DESIGN.md rule 6), and the same rule as SQL so that a
// list never returns a row its reader may not open. A reader with no relation gets NOT_FOUND,
// never FORBIDDEN, so a probe cannot learn that a case exists.
import { and, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { cases } from '../db/schema.ts';
import type { CaseRelation } from '../domain/case-machine.ts';
import type { Actor } from '../shared/actor.ts';

type CaseRow = typeof cases.$inferSelect;

const HUB_ROLES = new Set(['hub.handler', 'hub.supervisor']);
const MUNICIPALITY_ROLES = new Set(['municipality.intake', 'municipality.manager']);

export function caseRelations(actor: Actor, row: CaseRow): CaseRelation[] {
  const out: CaseRelation[] = [];
  if (actor.orgKind === 'hub' && HUB_ROLES.has(actor.role)) {
    out.push('hub');
    if (row.assignedUserId === actor.userId) out.push('hub_assignee');
    if (actor.role === 'hub.supervisor') out.push('hub_supervisor');
  }
  if (actor.role === 'police.reporter' && row.reporterOrgId === actor.orgId) out.push('reporter');
  if (MUNICIPALITY_ROLES.has(actor.role)) {
    if (isJourAfterOffice(actor, row)) {
      // The office has kvitterat: the jour reads its own entries until the case closes, no more.
      if (!row.jourAccessEndedAt) out.push('jour_earlier');
    } else if (isReceiver(actor, row)) {
      out.push('receiver');
      if (actor.orgKind !== 'jour_group' && actor.municipalityCode !== null && actor.municipalityCode === row.responsibleMunicipalityCode) out.push('office');
    }
  }
  return out;
}

/** The jour group that held the case at night, once the office intake has given its own kvittens. */
function isJourAfterOffice(actor: Actor, row: CaseRow): boolean {
  return actor.orgKind === 'jour_group' && row.officeAcknowledgedAt !== null && (row.handoverOrgId === actor.orgId || row.acceptedByOrgId === actor.orgId);
}

/**
 * Inside social services for this case: the hub, or the municipality handling it. Only they see
 * the case's internal notes, routing and call log; the police see questions, answers and feedback.
 */
export function isInsideSocialServices(relations: readonly CaseRelation[]): boolean {
  return relations.includes('hub') || relations.includes('receiver');
}

/**
 * The handover document (överlämnande av orosanmälan): for the receiving municipality, to register
 * the report in its own case system, and for the hub that handed it over. Not for the police
 * (they have the report already) nor for a jour group once the office has taken the case over.
 */
export function mayDownloadHandoverDocument(relations: readonly CaseRelation[]): boolean {
  return relations.includes('hub') || relations.includes('receiver');
}

function isReceiver(actor: Actor, row: CaseRow): boolean {
  if (row.handoverOrgId === actor.orgId || row.acceptedByOrgId === actor.orgId) return true;
  return Boolean(actor.municipalityCode && row.handoverStartedAt && row.responsibleMunicipalityCode === actor.municipalityCode);
}

/**
 * The same relations as WHERE clauses, as alternatives (a case matching any one is listed);
 * null = this role lists no cases at all. A municipality's open list reads each alternative
 * through its own index (handover org, accepting org, responsible municipality): one query with
 * the OR would walk the whole open queue in age order, the hub's unclaimed reports included.
 */
export function caseScopeParts(actor: Actor): SQL[] | null {
  if (actor.orgKind === 'hub' && HUB_ROLES.has(actor.role)) return [sql`true`];
  if (actor.role === 'police.reporter') return [eq(cases.reporterOrgId, actor.orgId)];
  if (MUNICIPALITY_ROLES.has(actor.role)) {
    const own = actor.municipalityCode ? [and(eq(cases.responsibleMunicipalityCode, actor.municipalityCode), isNotNull(cases.handoverStartedAt))!] : [];
    // A jour group's reading of a case ends when the case closes after the office's kvittens.
    const held = (part: SQL) => (actor.orgKind === 'jour_group' ? and(part, isNull(cases.jourAccessEndedAt))! : part);
    return [held(eq(cases.handoverOrgId, actor.orgId)), held(eq(cases.acceptedByOrgId, actor.orgId)), ...own];
  }
  return null;
}
