// Reads the directory tables into the DirectorySnapshot the pure routing rules work on.
import { asc } from 'drizzle-orm';
import {
  agreements,
  contactPoints,
  intakeUnits,
  jourGroups,
  jourMemberships,
  municipalities,
  organisations,
} from '../../db/schema.ts';
import type { DbOrTx } from '../../db/types.ts';
import type { Agreement, ContactPoint, DirectorySnapshot } from '../../domain/directory-types.ts';

export async function loadDirectory(db: DbOrTx): Promise<DirectorySnapshot> {
  const [orgs, munis, units, groups, members, contacts, agrs] = await Promise.all([
    db.select().from(organisations),
    db.select().from(municipalities).orderBy(asc(municipalities.code)),
    db.select().from(intakeUnits),
    db.select().from(jourGroups),
    db.select().from(jourMemberships),
    db.select().from(contactPoints).orderBy(asc(contactPoints.orgId), asc(contactPoints.position)),
    db.select().from(agreements).orderBy(asc(agreements.municipalityCode), asc(agreements.validFrom)),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const contactsOf = new Map<string, ContactPoint[]>();
  for (const c of contacts) {
    const list = contactsOf.get(c.orgId) ?? [];
    list.push({ label: c.label, phone: c.phone, email: c.email });
    contactsOf.set(c.orgId, list);
  }
  const hub = orgs.find((o) => o.kind === 'hub');
  if (!hub) throw new Error('directory has no hub organisation');
  return {
    hub: { orgId: hub.id, name: hub.name, municipalityCode: hub.municipalityCode ?? '0180', contacts: contactsOf.get(hub.id) ?? [] },
    municipalities: munis.map((m) => ({
      code: m.code,
      name: m.name,
      inCounty: m.inCounty,
      registryEmail: m.registryEmail,
      registryPhone: m.registryPhone,
    })),
    intakeUnits: units.map((u) => ({
      orgId: u.orgId,
      name: orgName.get(u.orgId) ?? u.orgId,
      municipalityCode: u.municipalityCode,
      hours: u.hours,
      contacts: contactsOf.get(u.orgId) ?? [],
    })),
    jourGroups: groups.map((g) => ({
      orgId: g.orgId,
      name: orgName.get(g.orgId) ?? g.orgId,
      hours: g.hours,
      contacts: contactsOf.get(g.orgId) ?? [],
      members: members
        .filter((m) => m.jourOrgId === g.orgId)
        .map((m) => ({ municipalityCode: m.municipalityCode, from: m.validFrom, to: m.validTo })),
    })),
    agreements: agrs.map(agreementOf),
  };
}

/** An agreement row as the routing rules and the register see it: its decision and its terms. */
export function agreementOf(a: typeof agreements.$inferSelect): Agreement {
  const { municipalityCode, decidedBy, dnr, decisionDate, validFrom, validTo, terminatedFrom } = a;
  return { municipalityCode, decidedBy, dnr, decisionDate, validFrom, validTo, terminatedFrom };
}
