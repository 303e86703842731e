// API shapes of authentication that the web app reads: the session, and the TOTP enrolment.
import { z } from 'zod';
import { OrgKind, Role } from '../roles.ts';

export const Language = z.enum(['sv', 'en']);

/** The logged-in user as the web app sees it. */
export const SessionDto = z.object({
  user: z.object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    role: Role,
    organisation: z.object({
      id: z.string(),
      name: z.string(),
      kind: OrgKind,
      municipalityCode: z.string().nullable(),
    }),
  }),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number(),
  /** When the session ends if unused; every request moves it on. */
  idleExpiresAt: z.iso.datetime(),
  /** The web app warns this many seconds before idle expiry. */
  warningSeconds: z.number().int(),
  /** Absolute end of the session, whatever its use. */
  expiresAt: z.iso.datetime(),
  /** The session waits for the one-time code: only the MFA endpoints, /auth/me and logout answer. */
  mfaRequired: z.boolean(),
  /** The user has a confirmed TOTP secret (false: /auth/totp/setup first). */
  mfaEnrolled: z.boolean(),
  /** The language the user chose for the web app (PUT /me/language); Swedish unless changed. */
  language: Language,
});
export type SessionDto = z.infer<typeof SessionDto>;

export const TotpSetupDto = z.object({
  /** Base32 secret, shown once for manual entry. */
  secret: z.string(),
  /** otpauth:// URI for a QR code. */
  otpauthUri: z.string(),
});

/** A supervisor's unlock (POST /auth/users/{id}/unlock). */
export const UnlockResultDto = z.object({
  userId: z.uuid(),
  /** How many (address) throttles were cleared; 0 when none was running. */
  throttlesCleared: z.number().int(),
});
export type UnlockResultDto = z.infer<typeof UnlockResultDto>;
