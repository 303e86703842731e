import { z } from 'zod';

export { SessionDto } from '../../shared/session.ts';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1, 'Ange användarnamn').max(100),
  password: z.string().min(1, 'Ange lösenord').max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const TotpSetupDto = z.object({
  /** Base32 secret, shown once for manual entry. */
  secret: z.string(),
  /** otpauth:// URI for a QR code. */
  otpauthUri: z.string(),
});

export const TotpVerifyBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, 'Engångskoden är sex siffror'),
});
