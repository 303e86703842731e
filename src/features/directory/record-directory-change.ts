// Every directory change goes through here, inside the operation's transaction: the versioned
// history row (before/after), the audit row, and the revision bump that tells every instance's
// cache to reload.
import { eq, sql } from 'drizzle-orm';
import { directoryChanges, directoryRevision } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { now } from '../../jobs/clock-source.ts';

export interface DirectoryChange {
  actor: Actor;
  entityType: (typeof directoryChanges.$inferInsert)['entityType'];
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  reason?: string | null;
  requestId: string;
}

export async function recordDirectoryChange(tx: Tx, change: DirectoryChange): Promise<void> {
  const [row] = await tx
    .insert(directoryChanges)
    .values({
      actorUserId: change.actor.userId,
      actorName: change.actor.displayName,
      entityType: change.entityType,
      entityId: change.entityId,
      action: change.action,
      before: change.before ?? null,
      after: change.after ?? null,
      reason: change.reason ?? null,
    })
    .returning({ id: directoryChanges.id });
  await bumpDirectoryRevision(tx);
  await recordAudit(tx, {
    actor: change.actor,
    action: `directory.${change.action}`,
    subjectType: change.entityType,
    subjectId: change.entityId,
    requestId: change.requestId,
    details: { changeId: row!.id },
  });
}

/** Tells every instance's directory cache that its snapshot is stale (at commit). */
export async function bumpDirectoryRevision(tx: Tx): Promise<void> {
  await tx
    .update(directoryRevision)
    .set({ revision: sql`${directoryRevision.revision} + 1`, changedAt: now() })
    .where(eq(directoryRevision.id, 1));
}
