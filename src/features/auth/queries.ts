import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { organisations, sessions, users } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';

export async function findUserByUsername(db: DbOrTx, username: string) {
  const [row] = await db
    .select({ user: users, org: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()))
    .limit(1);
  return row ?? null;
}

type ActorUser = Pick<typeof users.$inferSelect, 'id' | 'username' | 'displayName' | 'role'>;
type ActorOrg = Pick<typeof organisations.$inferSelect, 'id' | 'name' | 'kind' | 'municipalityCode'>;

export function toActor(user: ActorUser, org: ActorOrg): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    orgId: org.id,
    orgName: org.name,
    orgKind: org.kind,
    municipalityCode: org.municipalityCode,
  };
}

/**
 * The live session of a token hash: not revoked, not past its absolute expiry, used within the
 * idle window. Every request reads its own, so it reads only what a request needs (not the
 * password hash or the TOTP secret, which no request has any use for). Nothing is cached: a
 * logout, a revoked session or a disabled user takes effect at the very next request.
 */
function liveSessionQuery(db: DbOrTx, tokenHash: string, now: Date, idleCutoff: Date) {
  return db
    .select({
      session: { csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, mfaVerifiedAt: sessions.mfaVerifiedAt },
      user: { id: users.id, username: users.username, displayName: users.displayName, role: users.role, totpEnabledAt: users.totpEnabledAt, language: users.language },
      org: { id: organisations.id, name: organisations.name, kind: organisations.kind, municipalityCode: organisations.municipalityCode },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        isNull(users.disabledAt),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, idleCutoff),
      ),
    );
}

export type LiveSession = Awaited<ReturnType<typeof liveSessionQuery>>[number];

/**
 * The live session of the token hash, or null. Run inside withAuthTransaction (the only role
 * besides the engine that reads sessions): every request's first query runs as envagin_auth,
 * not as the engine (issue 22).
 */
export async function findLiveSession(db: DbOrTx, tokenHash: string, now: Date, idleMinutes: number): Promise<LiveSession | null> {
  const [row] = await liveSessionQuery(db, tokenHash, now, new Date(now.getTime() - idleMinutes * 60_000));
  return row ?? null;
}

export async function touchSession(db: DbOrTx, tokenHash: string, now: Date) {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
}
