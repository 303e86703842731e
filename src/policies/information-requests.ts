// Who stands in what part to an information request (issue 20, DESIGN.md rule 8): the asking and
// the addressed organisations (through the roles that take part in requests, so an admin or an
// auditor of the hub is no party to the hub's requests), and the municipality handling the case,
// which reads it. Row-level security says the same (drizzle/0028_information_requests_roles.sql).
import type { CaseRelation } from '../domain/case-machine.ts';
import type { RequestParty } from '../domain/information-requests.ts';
import type { Actor } from '../shared/actor.ts';
import { can } from './permissions.ts';

const MUNICIPALITY_ROLES = new Set(['municipality.intake', 'municipality.manager']);

export function requestParties(actor: Actor, request: { askingOrgId: string; addressedOrgId: string }, caseRelations: readonly CaseRelation[]): RequestParty[] {
  if (!can(actor, 'requests.use')) return [];
  const out: RequestParty[] = [];
  if (request.askingOrgId === actor.orgId) out.push('asker');
  if (request.addressedOrgId === actor.orgId) out.push('addressee');
  if (out.length === 0 && MUNICIPALITY_ROLES.has(actor.role) && caseRelations.includes('receiver')) out.push('responsible_municipality');
  return out;
}
