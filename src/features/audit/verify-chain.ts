// Verifies the audit log's hash chains (src/audit/record-audit.ts): reads every row chain by
// chain, each chain in id order, in batches (keyset on chain key and id, so memory stays flat at
// any size), recomputes each row's hash from its content and the previous row's hash of its
// chain, and reports the first row where a chain breaks:
//  - 'changed': the row's stored hash does not match its content (a column was edited);
//  - 'link_broken': the row does not point at the hash of the row before it in its chain (a row
//    before it was removed, or rows were reordered or swapped).
// Ids may have gaps (a rolled-back transaction consumes its sequence value); the chain, not the
// ids, is the evidence. Removing rows at the very end of a chain, or a whole chain, leaves valid
// chains: compare the reported head hash and row count with an earlier run to catch that.
import { createHash } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema.ts';
import type { AuditRow, DbOrTx } from '../../db/types.ts';
import { auditHash, GENESIS_HASH, type HashedFields } from '../../audit/audit-hash.ts';

/** Exactly the columns record-audit.ts hashes: not id, prev_hash or hash. */
function hashedFields(row: AuditRow): HashedFields {
  const { id: _id, prevHash: _prev, hash: _hash, ...fields } = row;
  return fields;
}

export type ChainBreak = 'changed' | 'link_broken';

export interface ChainVerification {
  intact: boolean;
  rowsChecked: number;
  /** One hash standing for the heads of all chains (GENESIS for an empty log), to compare runs. */
  headHash: string;
  /** The highest id checked. */
  lastId: number | null;
  firstBroken: { id: number; kind: ChainBreak } | null;
}

export async function verifyAuditChain(db: DbOrTx, batchSize = 1000): Promise<ChainVerification> {
  // The combined head covers "chain key: last hash" of every chain, in the order read.
  const heads = createHash('sha256');
  let chains = 0;
  let after = null as { chainKey: string; id: number } | null;
  let head = null as { chainKey: string; hash: string } | null;
  let lastId: number | null = null;
  let rowsChecked = 0;
  const result = (firstBroken: ChainVerification['firstBroken']): ChainVerification => {
    if (head) heads.update(`${head.chainKey}:${head.hash}\n`);
    return { intact: firstBroken === null, rowsChecked, headHash: chains === 0 ? GENESIS_HASH : heads.digest('hex'), lastId, firstBroken };
  };
  for (;;) {
    const rows: AuditRow[] = await db
      .select()
      .from(auditLog)
      .where(after === null ? undefined : sql`(${auditLog.chainKey}, ${auditLog.id}) > (${after.chainKey}, ${after.id})`)
      .orderBy(asc(auditLog.chainKey), asc(auditLog.id))
      .limit(batchSize);
    for (const row of rows) {
      if (head?.chainKey !== row.chainKey) {
        if (head) heads.update(`${head.chainKey}:${head.hash}\n`);
        head = { chainKey: row.chainKey, hash: GENESIS_HASH };
        chains += 1;
      }
      if (row.prevHash !== head.hash) return result({ id: row.id, kind: 'link_broken' });
      if (auditHash(row.prevHash, hashedFields(row)) !== row.hash) return result({ id: row.id, kind: 'changed' });
      head.hash = row.hash;
      lastId = Math.max(lastId ?? row.id, row.id);
      rowsChecked += 1;
      after = { chainKey: row.chainKey, id: row.id };
    }
    if (rows.length < batchSize) return result(null);
  }
}
