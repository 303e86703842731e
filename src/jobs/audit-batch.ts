// The engine writes many audit rows per batch transaction (breach, escalation, skipped step).
// They go through the same transaction-end buffer as every other audit row (record-audit.ts),
// so they are chained exactly as recordAudit chains them, in one insert per chain.
import type { Tx } from '../db/types.ts';
import { recordAudit } from '../audit/record-audit.ts';

export interface SystemAuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
}

export async function recordSystemAudits(tx: Tx, entries: readonly SystemAuditEntry[]): Promise<void> {
  for (const e of entries) await recordAudit(tx, { actor: null, ...e });
}
