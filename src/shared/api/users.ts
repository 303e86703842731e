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

/** A grant of access waiting for (or decided by) a second person. */
export const AccessRequestDto = z.object({
  id: z.uuid(),
  kind: z.enum(['create', 'change']),
  userId: z.uuid().nullable(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: Role,
  organisation: z.object({ id: z.string(), name: z.string() }),
  /** What the account has now, for a change. */
  current: z.object({ role: Role, orgId: z.string(), email: z.string().nullable() }).nullable(),
  /** id null: asked by the person's own first login through the identity provider. */
  requestedBy: z.object({ id: z.uuid().nullable(), name: z.string() }),
  requestedAt: z.iso.datetime(),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  /** Whether the caller may approve or reject it (never their own request, never their own account). */
  mayDecide: z.boolean(),
});

/** What creating a user did: created it (and sent the invitation), or asked a second person first. */
export const CreateUserResultDto = z.object({ user: UserDto.nullable(), request: AccessRequestDto.nullable() });

/** An invitation or reset link as the admin sees it: never the token. */
export const PasswordLinkDto = z.object({
  id: z.uuid(),
  user: z.object({ id: z.uuid(), username: z.string(), displayName: z.string() }),
  purpose: z.enum(['invitation', 'reset']),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  state: z.enum(['open', 'used', 'expired']),
  /** The e-mail's delivery: pending, sending, sent, failed, dead; null if none was queued (CLI). */
  delivery: z.string().nullable(),
});

/** What the set-password page shows before the user chooses a password. */
export const PasswordLinkInfoDto = z.object({
  username: z.string(),
  displayName: z.string(),
  purpose: z.enum(['invitation', 'reset']),
  expiresAt: z.iso.datetime(),
  /** The role needs a one-time code app: enrolled at the first login. */
  mfaRequired: z.boolean(),
});
