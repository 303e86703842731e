import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './types.ts';

/**
 * Runs raw SQL and returns its rows. node-postgres and PGlite both answer with `{ rows }`, but
 * Drizzle's driver-neutral type cannot say so; this is the one place that bridges it.
 */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
