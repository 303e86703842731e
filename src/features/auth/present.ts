import type { Actor } from '../../shared/actor.ts';
import type { SessionDto } from '../../shared/session.ts';

export function presentSession(actor: Actor, csrfToken: string, idleTimeoutMinutes: number, expiresAt?: Date): SessionDto {
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      role: actor.role,
      organisation: {
        id: actor.orgId,
        name: actor.orgName,
        kind: actor.orgKind,
        municipalityCode: actor.municipalityCode,
      },
    },
    csrfToken,
    idleTimeoutMinutes,
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
  };
}
