// Writes one audit row inside the caller's transaction, chained to the previous row. The
// transaction-scoped advisory lock orders concurrent writers so the chain stays linear; it is
// released at commit or rollback, so a failed operation leaves no gap.
import { desc, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { auditHash, GENESIS_HASH } from './audit-hash.ts';

const AUDIT_CHAIN_LOCK = 7_281_946_201;

export interface AuditEntry {
  actor: Actor | null;
  /** Past tense, e.g. 'auth.logged_in', 'case.claimed'. */
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Millisecond precision: what JavaScript sends is exactly what verification reads back.
  const fields = {
    at: new Date(),
    actorUserId: entry.actor?.userId ?? null,
    actorRole: entry.actor?.role ?? 'system',
    actorOrgId: entry.actor?.orgId ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    requestId: entry.requestId ?? null,
    details: entry.details ?? {},
  };
  await tx.insert(auditLog).values({ ...fields, prevHash, hash: auditHash(prevHash, fields) });
}
