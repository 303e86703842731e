import type { Config } from '../../config.ts';
import type { Actor } from '../../shared/actor.ts';
import type { SessionDto } from '../../shared/api/auth.ts';
import type { Locale } from '../../shared/messages.ts';

export interface SessionState {
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
  mfaPending: boolean;
  mfaEnrolled: boolean;
  /** The user's chosen language for the web app. */
  language: Locale;
}

/** Idle expiry: last use plus the idle window, never past the absolute end. */
export function idleExpiresAt(state: Pick<SessionState, 'lastSeenAt' | 'expiresAt'>, config: Pick<Config, 'sessionIdleMinutes'>): Date {
  const idle = state.lastSeenAt.getTime() + config.sessionIdleMinutes * 60_000;
  return new Date(Math.min(idle, state.expiresAt.getTime()));
}

export function presentSession(actor: Actor, state: SessionState, config: Config): SessionDto {
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
    csrfToken: state.csrfToken,
    idleTimeoutMinutes: config.sessionIdleMinutes,
    idleExpiresAt: idleExpiresAt(state, config).toISOString(),
    warningSeconds: config.sessionWarningSeconds,
    expiresAt: state.expiresAt.toISOString(),
    mfaRequired: state.mfaPending,
    mfaEnrolled: state.mfaEnrolled,
    language: state.language,
  };
}
