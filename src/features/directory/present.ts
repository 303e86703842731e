import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { collaboratesOn } from '../../domain/agreements.ts';
import { isMemberOn } from '../../domain/contacts.ts';
import type { z } from 'zod';
import type { DirectoryDto, OrganisationDto } from '../../shared/api/directory.ts';

type Org = z.infer<typeof OrganisationDto>;

export function presentDirectory(dir: DirectorySnapshot, today: string): z.infer<typeof DirectoryDto> {
  const organisations: Org[] = [
    ...dir.intakeUnits.map((u) => ({
      orgId: u.orgId,
      name: u.name,
      kind: 'intake_unit' as const,
      municipalityCode: u.municipalityCode,
      hours: u.hours,
      contacts: u.contacts,
    })),
    ...dir.jourGroups.map((g) => ({
      orgId: g.orgId,
      name: g.name,
      kind: 'jour_group' as const,
      municipalityCode: null,
      members: g.members.filter((m) => isMemberOn(m, today)).map((m) => m.municipalityCode),
      hours: g.hours,
      contacts: g.contacts,
    })),
  ];
  return {
    hub: { orgId: dir.hub.orgId, name: dir.hub.name, kind: 'hub', municipalityCode: dir.hub.municipalityCode, hours: null, contacts: dir.hub.contacts },
    municipalities: dir.municipalities.map((m) => ({
      code: m.code,
      name: m.name,
      inCounty: m.inCounty,
      intakeOrgId: dir.intakeUnits.find((u) => u.municipalityCode === m.code)?.orgId ?? null,
      jourOrgIds: dir.jourGroups.filter((g) => g.members.some((x) => x.municipalityCode === m.code && isMemberOn(x, today))).map((g) => g.orgId),
      agreementInForce: collaboratesOn(dir, m.code, today),
    })),
    organisations,
  };
}
