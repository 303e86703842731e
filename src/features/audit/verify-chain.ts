// Verifies the audit log's hash chain: reads every row in id order, in batches (keyset on id, so
// memory stays flat at any size), recomputes each row's hash from its content and the previous
// row's hash, and reports the first row where the chain breaks:
//  - 'changed': the row's stored hash does not match its content (a column was edited);
//  - 'link_broken': the row does not point at the hash of the row before it (a row before it
//    was removed, or rows were reordered or swapped).
// Ids may have gaps (a rolled-back transaction consumes its sequence value); the chain, not the
// ids, is the evidence. Removing rows at the very end leaves a shorter valid chain: compare the
// reported head hash and count with an earlier run to catch that.
import { createHash } from 'node:crypto';
import { asc, gt } from 'drizzle-orm';
import { auditLog } from '../../db/schema.ts';
import type { AuditRow, DbOrTx } from '../../db/types.ts';
import { auditHash, GENESIS_HASH, type HashedFields } from '../../audit/audit-hash.ts';

/** Exactly the columns record-audit.ts hashes: not id, prev_hash or hash. */
function hashedFields(row: AuditRow): HashedFields {
  return {
    chain: row.chain,
    at: row.at,
    actorUserId: row.actorUserId,
    actorRole: row.actorRole,
    actorOrgId: row.actorOrgId,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    requestId: row.requestId,
    details: row.details,
  };
}

export type ChainBreak = 'changed' | 'link_broken';

export interface ChainVerification {
  intact: boolean;
  rowsChecked: number;
  /** Hash of the last row checked (the head of the chain); GENESIS for an empty log. */
  headHash: string;
  lastId: number | null;
  firstBroken: { id: number; kind: ChainBreak } | null;
}

/** One hash standing for the heads of all chains, so a later run can be compared with one value. */
function combinedHead(heads: Map<number, string>): string {
  const h = createHash('sha256');
  for (const chain of [...heads.keys()].sort((a, b) => a - b)) h.update(`${chain}:${heads.get(chain)}\n`);
  return heads.size === 0 ? GENESIS_HASH : h.digest('hex');
}

export async function verifyAuditChain(db: DbOrTx, batchSize = 1000): Promise<ChainVerification> {
  // The log is several chains side by side (record-audit.ts); each row links to the previous
  // row of its own chain. Reading in id order keeps every chain in its own order.
  const heads = new Map<number, string>();
  let lastId: number | null = null;
  let rowsChecked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(lastId === null ? undefined : gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    for (const row of rows) {
      const prevHash = heads.get(row.chain) ?? GENESIS_HASH;
      if (row.prevHash !== prevHash) {
        return { intact: false, rowsChecked, headHash: combinedHead(heads), lastId, firstBroken: { id: row.id, kind: 'link_broken' } };
      }
      if (auditHash(row.prevHash, hashedFields(row)) !== row.hash) {
        return { intact: false, rowsChecked, headHash: combinedHead(heads), lastId, firstBroken: { id: row.id, kind: 'changed' } };
      }
      heads.set(row.chain, row.hash);
      lastId = row.id;
      rowsChecked += 1;
    }
    if (rows.length < batchSize) break;
  }
  return { intact: true, rowsChecked, headHash: combinedHead(heads), lastId, firstBroken: null };
}
