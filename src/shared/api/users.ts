// API shape of a user account as the admin screens read it.
import { z } from 'zod';
import { OrgKind, Role } from '../roles.ts';

export const UserDto = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: Role,
  organisation: z.object({ id: z.string(), name: z.string(), kind: OrgKind }),
  disabled: z.boolean(),
  lockedUntil: z.iso.datetime().nullable(),
  totpEnrolled: z.boolean(),
  externalLogin: z.boolean(),
  isDemo: z.boolean(),
});
