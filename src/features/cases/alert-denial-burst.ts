// A burst of denied reads (DESIGN.md rule 6): one user asking for cases they may not see, again and
// again, is how a probe or a stolen session looks. When the denials by one user within the window
// reach the threshold (DENIED_READS_ALERT_*), the auditors are told once for that window: an
// outbox notification (live and their chosen e-mail) naming no person and no case, and an audit
// row naming the user, which is where the auditor looks.
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { auditLog, users } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { enqueueNotification } from '../../jobs/notify.ts';
import type { Actor } from '../../shared/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';

export interface BurstRule {
  threshold: number;
  windowMinutes: number;
}

/**
 * Called in the transaction that records one more denial for `actor` (not yet written: audit rows
 * are written at commit). `now` is the wall clock the audit rows are stamped with.
 */
export async function alertDenialBurst(tx: Tx, input: { actor: Actor; rule: BurstRule; now: Date; requestId: string }): Promise<boolean> {
  const { actor, rule, now } = input;
  const windowMs = rule.windowMinutes * 60_000;
  const [earlier] = await tx
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'case.access_denied'), eq(auditLog.actorUserId, actor.userId), gt(auditLog.at, new Date(now.getTime() - windowMs))));
  const denials = (earlier?.n ?? 0) + 1;
  if (denials < rule.threshold) return false;
  const windowIndex = Math.floor(now.getTime() / windowMs);
  const auditors = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, 'auditor'), isNull(users.disabledAt)));
  const sent = await enqueueNotification(tx, {
    topic: 'audit.denied_reads_burst',
    caseNumber: '',
    userIds: auditors.map((a) => a.id),
    text: `Ovanligt många nekade försök att läsa ärenden: minst ${rule.threshold} av en användare inom ${rule.windowMinutes} minuter. Se granskningsloggen.`,
    link: '/granskning',
    dedupeKey: `audit.denied_reads_burst:${actor.userId}:${windowIndex}`,
  });
  // Only the first denial to cross the threshold in the window writes rows; the rest find them there.
  if (sent === 0) return false;
  await recordAudit(tx, {
    actor,
    action: 'audit.denied_reads_alerted',
    subjectType: 'user',
    subjectId: actor.userId,
    requestId: input.requestId,
    details: { denials, threshold: rule.threshold, windowMinutes: rule.windowMinutes, auditors: auditors.length },
  });
  return true;
}
