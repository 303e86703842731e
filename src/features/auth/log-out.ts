import { withAuthTransaction } from '../../db/actor-transaction.ts';
import { and, eq, isNull } from 'drizzle-orm';
import { sessions } from '../../db/schema.ts';
import type { Db } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { hashToken } from './session-token.ts';
import { wallClock } from './wall-clock.ts';

export async function logOut(db: Db, actor: Actor, token: string, requestId: string): Promise<void> {
  await withAuthTransaction(db, async (tx) => {
    await tx
      .update(sessions)
      .set({ revokedAt: wallClock() })
      .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)));
    await recordAudit(tx, { actor, action: 'auth.logged_out', subjectType: 'user', subjectId: actor.userId, requestId });
  });
}
