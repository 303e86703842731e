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

export async function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      const state = sqlState(error);
      if (attempt < MAX_ATTEMPTS && state && RETRYABLE.has(state)) continue;
      throw error;
    }
  }
}
