// User row → response (src/shared/api/users.ts). Never a password hash or a secret.
import type { z } from 'zod';
import type { OrganisationRow, UserRow } from '../../db/types.ts';
import type { UserDto } from '../../shared/api/users.ts';

export function presentUser(u: UserRow, org: OrganisationRow, now: Date): z.infer<typeof UserDto> {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    organisation: { id: org.id, name: org.name, kind: org.kind },
    disabled: u.disabledAt !== null,
    lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil.toISOString() : null,
    totpEnrolled: u.totpEnabledAt !== null,
    externalLogin: u.oidcSubject !== null,
    isDemo: u.isDemo,
  };
}
