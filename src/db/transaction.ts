// The one way domain operations get a transaction. Serialization failures and deadlocks
// (SQLSTATE class 40) are retried a bounded number of times, as GoAlert's engine does; anything
// else propagates unchanged.
import type { Db, Tx } from './types.ts';

const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 3;

export function sqlState(error: unknown): string | undefined {
  let e: unknown = error;
  // Drizzle wraps driver errors; the SQLSTATE sits on the innermost cause.
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Work registered to run at the end of a transaction, just before it commits. */
const beforeCommit = new WeakMap<Tx, (() => Promise<void>)[]>();

/**
 * Runs `fn` as the transaction's last statements before COMMIT. Used for work that must hold a
 * shared lock (the audit chain) for as short a time as possible. Only transactions opened by
 * withTransaction have this; anything else is a programming error and throws.
 */
export function onBeforeCommit(tx: Tx, fn: () => Promise<void>): void {
  const list = beforeCommit.get(tx);
  if (!list) throw new Error('onBeforeCommit: not inside withTransaction');
  list.push(fn);
}

/** Side effects to run once the transaction has committed (never if it rolls back). */
const afterCommit = new WeakMap<Tx, (() => void)[]>();

/** Runs `fn` after the transaction commits; false (and nothing registered) outside withTransaction. */
export function onAfterCommit(tx: unknown, fn: () => void): boolean {
  const list = afterCommit.get(tx as Tx);
  if (!list) return false;
  list.push(fn);
  return true;
}

/**
 * Runs `attempt` again on a serialization failure or deadlock (bounded): for one statement sent
 * on its own, which PostgreSQL runs as its own transaction, without BEGIN and COMMIT round trips.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const state = sqlState(error);
      if (n < MAX_ATTEMPTS && state && RETRYABLE.has(state)) continue;
      throw error;
    }
  }
}

export async function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return retryOnConflict(async () => {
    const effects: (() => void)[] = [];
    const result = await db.transaction(async (tx) => {
      beforeCommit.set(tx, []);
      afterCommit.set(tx, effects);
      const value = await work(tx);
      for (const fn of beforeCommit.get(tx)!) await fn();
      return value;
    });
    for (const fn of effects) fn();
    return result;
  });
}
