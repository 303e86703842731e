// Request shapes of the auth routes; what they answer is in the contract (src/shared/api/auth.ts).
import { z } from 'zod';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1, 'Ange användarnamn').max(100),
  password: z.string().min(1, 'Ange lösenord').max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const TotpVerifyBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, 'Engångskoden är sex siffror'),
});
