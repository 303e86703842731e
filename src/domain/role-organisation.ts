// Which kind of organisation each role belongs to (DESIGN.md section 1). A police officer in a
// municipality, or an intake worker in the hub, would get the wrong relations to cases.
import type { OrgKind, Role } from '../shared/roles.ts';

const allowedKinds: Record<Role, readonly OrgKind[]> = {
  'police.reporter': ['police'],
  'hub.handler': ['hub'],
  'hub.supervisor': ['hub'],
  'municipality.intake': ['intake_unit', 'jour_group'],
  'municipality.manager': ['municipality'],
  admin: ['hub', 'police', 'municipality', 'intake_unit', 'jour_group', 'authority'],
  auditor: ['hub', 'police', 'municipality', 'intake_unit', 'jour_group', 'authority'],
  analyst: ['hub', 'police', 'municipality', 'intake_unit', 'jour_group', 'authority'],
  'authority.liaison': ['authority'],
};

export function roleFitsOrganisation(role: Role, kind: OrgKind): boolean {
  return allowedKinds[role].includes(kind);
}
