import { z } from 'zod';

export { SessionDto } from '../../shared/session.ts';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1, 'Ange användarnamn').max(100),
  password: z.string().min(1, 'Ange lösenord').max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;
