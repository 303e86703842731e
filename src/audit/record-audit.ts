// Audit rows are written inside the caller's transaction and hash-chained, so that a changed,
// removed or reordered row is found by `envagin audit verify`.
//
// The log is many chains side by side, each named by a plain key: a case's rows are one chain
// ('case:<id>'), read in order they are that case's history. One chain for the whole log would
// make every transaction that audits anything wait for the previous one's commit; with a chain
// per subject only writers of the same subject wait for each other.
//
// A transaction's rows are buffered and written at its very end (onBeforeCommit), so a chain's
// lock is held only for the last three statements and the commit: lock the chains, read their
// heads, insert the rows. The locks are transaction-scoped advisory locks, released at commit or
// rollback, so a failed operation leaves no row and no gap.
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/query-rows.ts';
import { auditLog } from '../db/schema.ts';
import type { Tx } from '../db/types.ts';
import { onBeforeCommit } from '../db/transaction.ts';
import { now } from '../jobs/clock-source.ts';
import type { Actor } from '../shared/actor.ts';
import { auditHash, CURRENT_HASH_VERSION, GENESIS_HASH, type HashedFields } from './audit-hash.ts';

export interface AuditEntry {
  actor: Actor | null;
  /** Past tense, e.g. 'auth.logged_in', 'case.claimed'. */
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

/** The chain a row belongs to: its subject's, else its actor's, else the system's. */
export function chainKeyOf(entry: Pick<AuditEntry, 'actor' | 'subjectType' | 'subjectId'>): string {
  if (entry.subjectId) return `${entry.subjectType ?? 'subject'}:${entry.subjectId}`;
  if (entry.actor) return `user:${entry.actor.userId}`;
  return 'system';
}

const buffers = new WeakMap<Tx, HashedFields[]>();

/** Records one audit row in the caller's transaction (written just before it commits). */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  let buffer = buffers.get(tx);
  if (!buffer) {
    const rows: HashedFields[] = [];
    buffer = rows;
    buffers.set(tx, rows);
    onBeforeCommit(tx, () => writeChained(tx, rows));
  }
  buffer.push({
    chainKey: chainKeyOf(entry),
    hashVersion: CURRENT_HASH_VERSION,
    // Millisecond precision: what JavaScript sends is exactly what verification reads back.
    at: now(),
    actorUserId: entry.actor?.userId ?? null,
    actorRole: entry.actor?.role ?? 'system',
    actorOrgId: entry.actor?.orgId ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    requestId: entry.requestId ?? null,
    details: entry.details ?? {},
  });
}

async function writeChained(tx: Tx, rows: HashedFields[]): Promise<void> {
  const keys = [...new Set(rows.map((r) => r.chainKey))];
  // In the order of the lock ids, so two transactions never wait for each other crosswise. Two
  // keys with the same lock id merely share a lock.
  await tx.execute(sql`select pg_advisory_xact_lock(k.lock)
                         from (select hashtextextended(key, 0) as lock from unnest(${sql.param(keys)}::text[]) as key order by 1) as k`);
  // A statement of its own: one that waited for a lock must see what the holder committed, and
  // a statement's snapshot is taken when it starts. The head comes through a function running
  // as the owner: the request's role may append to the log but not read it
  // (drizzle/0020_database_roles.sql).
  const heads = await queryRows<{ key: string; hash: string | null }>(
    tx,
    sql`select key, envagin_audit_chain_head(key) as hash from unnest(${sql.param(keys)}::text[]) as key`,
  );
  const prev = new Map(heads.map((h) => [h.key, h.hash ?? GENESIS_HASH]));
  const linked = rows.map((fields) => {
    const prevHash = prev.get(fields.chainKey)!;
    const hash = auditHash(prevHash, fields);
    prev.set(fields.chainKey, hash);
    return { ...fields, prevHash, hash };
  });
  // One multi-row insert: ids follow array order, so each chain's rows keep their order.
  await tx.insert(auditLog).values(linked);
}
