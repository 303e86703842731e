// Audit rows are written inside the caller's transaction, chained to the previous row. The
// transaction-scoped advisory lock orders concurrent writers so the chain stays linear; it is
// released at commit or rollback, so a failed operation leaves no row and no gap.
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../db/query-rows.ts';
import { insertRows } from '../db/insert-rows.ts';
import { auditLog } from '../db/schema.ts';
import type { Tx } from '../db/types.ts';
import { onBeforeCommit } from '../db/transaction.ts';
import type { Actor } from '../shared/actor.ts';
import { auditHash, GENESIS_HASH } from './audit-hash.ts';

/** Advisory lock keys AUDIT_CHAIN_LOCK + chain, one per chain. */
export const AUDIT_CHAIN_LOCK = 7_281_946_201;

/**
 * The log is CHAINS hash chains side by side. One chain would make every transaction that
 * audits anything wait for the previous one's commit (its fsync) before it can link its rows;
 * with sixteen, only transactions on the same chain queue. A row's chain follows its subject
 * (or actor), so the rows of one case stay in one chain, in order.
 */
export const CHAINS = 16;

export function chainOf(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(h) % CHAINS;
}

/**
 * A fresh random id (UUID v4) whose rows fall in the given chain: about sixteen draws. Filing
 * gives all the cases of a batch one chain, so two batches in flight (or on two instances) lock
 * different chains and do not wait for each other's commit.
 */
export function randomIdInChain(chain: number): string {
  for (;;) {
    const id = randomUUID();
    if (chainOf(id) === chain) return id;
  }
}

export interface AuditEntry {
  actor: Actor | null;
  /** Past tense, e.g. 'auth.logged_in', 'case.claimed'. */
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

type AuditFields = Parameters<typeof auditHash>[1];
const buffers = new WeakMap<Tx, AuditFields[]>();

/**
 * Records one audit row in the caller's transaction. Rows are buffered and written together at
 * the very end of the transaction (onBeforeCommit): the chain lock is then held only for one
 * read, one insert and the commit, instead of for the whole operation.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  let buffer = buffers.get(tx);
  if (!buffer) {
    const rows: AuditFields[] = [];
    buffer = rows;
    buffers.set(tx, rows);
    onBeforeCommit(tx, () => writeChained(tx, rows));
  }
  buffer.push(auditFields(entry));
}

/** The row's content as it is hashed and stored; its chain follows its subject (or actor). */
export function auditFields(entry: AuditEntry, at = new Date()): AuditFields {
  return {
    chain: chainOf(entry.subjectId ?? entry.actor?.userId ?? entry.action),
    // Millisecond precision: what JavaScript sends is exactly what verification reads back.
    at,
    actorUserId: entry.actor?.userId ?? null,
    actorRole: entry.actor?.role ?? 'system',
    actorOrgId: entry.actor?.orgId ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    requestId: entry.requestId ?? null,
    details: entry.details ?? {},
  };
}

const chainArray = (chains: readonly number[]) => sql`${sql.param([...new Set(chains)])}::int[]`;

/**
 * The chains' locks, in ascending chain order (so two transactions never wait for each other
 * crosswise; released at commit), as a select-list item for a transaction's first statement. The
 * chains' heads must then be read by a later statement: one that waited for a lock must see
 * what the holder committed, and a statement's snapshot is taken before it waits.
 */
export function chainLocksSql(chains: readonly number[]): SQL {
  return sql`(select count(pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::bigint + c))
                from (select c from unnest(${chainArray(chains)}) as c order by c) as sorted)`;
}

/** Each chain's last hash, as a JSON object { chain: hash } (a select-list item). */
export function chainHeadsSql(chains: readonly number[]): SQL {
  return sql`(select coalesce(json_object_agg(c, (select hash from audit_log a where a.chain = c order by a.id desc limit 1)), '{}'::json)
                from unnest(${chainArray(chains)}) as c)`;
}

export type ChainHeads = Record<string, string | null>;
export type ChainedAuditRow = AuditFields & { prevHash: string; hash: string };

/** Links each chain's rows to that chain's head and to each other, in order. */
export function linkChains(rows: readonly AuditFields[], heads: ChainHeads): ChainedAuditRow[] {
  const chains = [...new Set(rows.map((r) => r.chain))].sort((a, b) => a - b);
  return chains.flatMap((chain) => {
    let prevHash = heads[String(chain)] ?? GENESIS_HASH;
    return rows
      .filter((r) => r.chain === chain)
      .map((fields) => {
        const hash = auditHash(prevHash, fields);
        const row = { ...fields, prevHash, hash };
        prevHash = hash;
        return row;
      });
  });
}

/**
 * Takes the locks of the chains the rows belong to, links each chain's rows to that chain's last
 * row and inserts them all. Three statements however many chains a transaction touches.
 */
async function writeChained(tx: Tx, rows: AuditFields[]): Promise<void> {
  const chains = rows.map((r) => r.chain);
  await tx.execute(sql`select ${chainLocksSql(chains)}`);
  const [read] = await queryRows<{ heads: ChainHeads }>(tx, sql`select ${chainHeadsSql(chains)} as heads`);
  // Multi-row insert: ids follow array order, so within each chain they follow the chain.
  await insertRows(tx, auditLog, linkChains(rows, read!.heads));
}
