// The engine writes many audit rows per batch transaction (breach, escalation, skipped step).
// One row at a time through recordAudit would cost two round trips each under the chain lock;
// this writes them as one chained multi-row insert under the same lock, so the chain is exactly
// what recordAudit would have produced.
import { desc, sql } from 'drizzle-orm';
import { auditLog } from '../db/schema.ts';
import type { Tx } from '../db/types.ts';
import { auditHash, GENESIS_HASH } from '../features/audit/audit-hash.ts';
import { AUDIT_CHAIN_LOCK } from '../features/audit/record-audit.ts';

export interface SystemAuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
}

export async function recordSystemAudits(tx: Tx, entries: readonly SystemAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows = entries.map((e) => {
    const fields = {
      at,
      actorUserId: null,
      actorRole: 'system',
      actorOrgId: null,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      requestId: null,
      details: e.details,
    };
    const hash = auditHash(prevHash, fields);
    const row = { ...fields, prevHash, hash };
    prevHash = hash;
    return row;
  });
  // Inserted in array order, so ids follow the chain.
  for (let i = 0; i < rows.length; i += 500) await tx.insert(auditLog).values(rows.slice(i, i + 500));
}
