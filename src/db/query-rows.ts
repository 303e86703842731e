import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './types.ts';

/**
 * Runs raw SQL and returns its rows. node-postgres and PGlite both answer with `{ rows }`, but
 * Drizzle's driver-neutral type cannot say so; this is the one place that bridges it.
 */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

const dialect = new PgDialect();

/**
 * queryRows as a named prepared statement: PostgreSQL parses and plans the text once per
 * connection instead of on every call. For the hot paths' statements whose text does not depend
 * on the number of values (arrays and JSON as parameters, not lists). The name is derived from
 * the text, so the same text always has the same name. PGlite has no named statements and runs
 * the text as it is.
 */
export async function queryRowsPrepared<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const built = dialect.sqlToQuery(query);
  const name = `envagin_${createHash('sha256').update(built.sql).digest('hex').slice(0, 24)}`;
  const result = (await db._.session.prepareQuery(built, undefined, name, false).execute()) as unknown as { rows: T[] };
  return result.rows;
}
