import type { OrgKind, Role } from './roles.ts';

/** Who is acting: the authenticated user with role and organisation, or the system itself. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  municipalityCode: string | null;
}

export const systemActor = { userId: null, role: 'system', orgId: null } as const;
