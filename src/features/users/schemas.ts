// Request shapes of the user routes; what they answer is in the contract (src/shared/api/users.ts).
import { z } from 'zod';
import { Role } from '../../shared/roles.ts';

const Username = z.string().trim().regex(/^[a-z0-9._-]{2,60}$/, 'Användarnamn: 2–60 tecken, små bokstäver, siffror, punkt, bindestreck');
/** Passwords are long rather than complex (NIST SP 800-63B). */
const Password = z.string().min(12, 'Lösenordet ska ha minst 12 tecken').max(200);

/**
 * No password: an admin never chooses one (DESIGN.md rule 6). The user gets an invitation link
 * at this address and sets their own; users of an organisation's identity provider (OIDC) are
 * created at their first login instead. A strict object, so a `password` is refused (400).
 */
export const CreateUserBody = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(200),
  email: z.email('Ange en giltig e-postadress').max(200),
  role: Role,
  orgId: z.string().regex(/^[a-z0-9-]{1,64}$/),
});

export const UpdateUserBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(200).optional(),
    email: z.email().max(200).nullable().optional(),
    role: Role.optional(),
    orgId: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Ange minst en ändring' });

export const UserIdParams = z.strictObject({ id: z.uuid('Ogiltigt användar-id') });

export const AccessRequestIdParams = z.strictObject({ id: z.uuid('Ogiltigt id') });

/** The token from a password link (its address's fragment). */
const LinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Ogiltig länk');
export const PasswordLinkBody = z.strictObject({ token: LinkToken });
export const SetPasswordBody = z.strictObject({ token: LinkToken, password: Password });
