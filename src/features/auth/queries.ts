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

export function toActor(user: typeof users.$inferSelect, org: typeof organisations.$inferSelect): Actor {
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

/** A live session: not revoked, not past its absolute expiry, used within the idle window. */
export async function findLiveSession(db: DbOrTx, tokenHash: string, now: Date, idleMinutes: number) {
  const idleCutoff = new Date(now.getTime() - idleMinutes * 60_000);
  const [row] = await db
    .select({ session: sessions, user: users, org: organisations })
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
    )
    .limit(1);
  return row ?? null;
}

export async function touchSession(db: DbOrTx, tokenHash: string, now: Date) {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
}
