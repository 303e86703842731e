import { z } from 'zod';
import { OrgKind, Role } from './roles.ts';

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
  idleTimeoutMinutes: z.number().int(),
  expiresAt: z.iso.datetime().optional(),
});
export type SessionDto = z.infer<typeof SessionDto>;
