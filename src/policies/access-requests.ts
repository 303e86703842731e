// Four eyes on access (DESIGN.md rule 6): an admin never reaches case content by giving an account
// a role that reads it. A new account, or a new role, organisation or e-mail address of one,
// whose role reads case content (or administers or audits) is applied only after a second person
// approves: a second admin, or for the roles of an organisation's own staff its supervisor (the
// hub's arbetsledare for the hub, a municipality's manager for that municipality's units). Never
// the requester, never the account itself. Anyone else's request is FORBIDDEN, not NOT_FOUND, as
// for unlock (src/policies/unlock.ts): the id came from the list, and the matrix needs one answer.
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { Role } from '../shared/roles.ts';
import { authorize } from './permissions.ts';

/** Roles granted without a second person: the analyst sees aggregates only. */
const WITHOUT_APPROVAL: readonly Role[] = ['analyst'];

export function needsApproval(role: Role): boolean {
  return !WITHOUT_APPROVAL.includes(role);
}

export interface AccessRequestTarget {
  role: Role;
  orgId: string;
  municipalityCode: string | null;
  /** null: asked by the person's own first login through the identity provider. */
  requestedBy: string | null;
  /** The account changed; null for a new one. */
  userId: string | null;
}

const hubRoles: readonly Role[] = ['hub.handler', 'hub.supervisor'];
const municipalityRoles: readonly Role[] = ['municipality.intake', 'municipality.manager'];

export function mayDecide(actor: Actor, target: AccessRequestTarget): boolean {
  if (actor.userId === target.requestedBy || actor.userId === target.userId) return false;
  if (actor.role === 'admin') return true;
  if (actor.role === 'hub.supervisor') return hubRoles.includes(target.role) && actor.orgId === target.orgId;
  if (actor.role === 'municipality.manager') {
    return municipalityRoles.includes(target.role) && actor.municipalityCode !== null && actor.municipalityCode === target.municipalityCode;
  }
  return false;
}

export function authorizeDecision(actor: Actor | null, target: AccessRequestTarget): asserts actor is Actor {
  authorize(actor, 'access.approve');
  if (!mayDecide(actor, target)) throw new AppError('FORBIDDEN');
}
