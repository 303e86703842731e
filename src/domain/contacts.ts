// Who answers for a municipality at a given instant (DESIGN.md rule 3): its own office-hours
// intake while its calendar is open, otherwise the jour group(s) it belongs to on that date,
// and for Stockholm finally the hub (Stockholms stads socialjour, 24/7). Contacts without a
// phone number are skipped: the hub must be able to call someone now.

import type { ContactPoint, DirectorySnapshot, IsoDate, JourGroup, JourMembership } from './directory-types.ts';
import { isOpen } from './calendar.ts';
import { stockholmDate } from './stockholm-time.ts';

export type ContactKind = 'office' | 'jour';

export interface RoutingContact {
  kind: ContactKind;
  /** Directory org id (intake unit, jour group, hub); null for a municipality's registry. */
  orgId: string | null;
  orgName: string;
  phone: string | null;
  email: string | null;
  label: string;
}

export function hasPhone(c: ContactPoint): boolean {
  return c.phone.trim().length > 0;
}

function toContacts(kind: ContactKind, orgId: string, orgName: string, points: readonly ContactPoint[]): RoutingContact[] {
  return points.filter(hasPhone).map((c) => ({ kind, orgId, orgName, phone: c.phone, email: c.email ?? null, label: c.label }));
}

export function isMemberOn(m: JourMembership, date: IsoDate): boolean {
  return (m.from == null || m.from <= date) && (m.to == null || date <= m.to);
}

/** Jour groups that have the municipality as a member on the (Stockholm) date. */
export function jourGroupsFor(dir: DirectorySnapshot, municipalityCode: string, date: IsoDate): JourGroup[] {
  return dir.jourGroups.filter((g) => g.members.some((m) => m.municipalityCode === municipalityCode && isMemberOn(m, date)));
}

/** Office contacts of the municipality's intake units that are open at `at` (directory order). */
export function openIntakeContacts(dir: DirectorySnapshot, municipalityCode: string, at: Date): RoutingContact[] {
  return dir.intakeUnits
    .filter((u) => u.municipalityCode === municipalityCode && isOpen(u.hours, at))
    .flatMap((u) => toContacts('office', u.orgId, u.name, u.contacts));
}

/** Jour contacts active for the municipality at `at`, assuming its intake is closed. */
export function activeJourContacts(dir: DirectorySnapshot, municipalityCode: string, at: Date): RoutingContact[] {
  return jourGroupsFor(dir, municipalityCode, stockholmDate(at))
    .filter((g) => g.hours === null || isOpen(g.hours, at))
    .flatMap((g) => toContacts('jour', g.orgId, g.name, g.contacts));
}

/**
 * Everyone to call for the municipality at `at`, in order: the open intake's contacts, else the
 * active jour groups' contacts, else (Stockholm only) the hub. Empty = nobody reachable, which
 * is a coverage gap and an escalation matter, never an exception.
 */
export function findCurrentContacts(dir: DirectorySnapshot, municipalityCode: string, at: Date): RoutingContact[] {
  const office = openIntakeContacts(dir, municipalityCode, at);
  if (office.length > 0) return office;
  const jour = activeJourContacts(dir, municipalityCode, at);
  if (municipalityCode === dir.hub.municipalityCode) {
    jour.push(...toContacts('jour', dir.hub.orgId, dir.hub.name, dir.hub.contacts));
  }
  return jour;
}
