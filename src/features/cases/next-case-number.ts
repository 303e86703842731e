import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.ts';
import { sqlState } from '../../db/transaction.ts';
import type { Db } from '../../db/types.ts';

/**
 * The next `count` human case numbers ENV-YYYY-NNNNNN, from a PostgreSQL sequence per receipt
 * year, in one round trip. Sequences are outside transactions: no report waits for another's
 * commit to get its number, and no number is ever handed out twice. A report that then fails
 * leaves a gap in the series; the audit log shows there is no case behind it. The year's
 * sequence is created on first use.
 */
export async function nextCaseNumbers(db: Db, year: number, count: number): Promise<string[]> {
  if (!Number.isInteger(year) || year < 2000 || year > 2999) throw new Error(`nextCaseNumbers: bad year ${year}`);
  if (!Number.isInteger(count) || count < 1) throw new Error(`nextCaseNumbers: bad count ${count}`);
  const sequence = sql.raw(`case_number_${year}`);
  const next = () => queryRows<{ n: string }>(db, sql`select nextval('${sequence}')::text as n from generate_series(1, ${count}::int)`);
  let rows: { n: string }[];
  try {
    rows = await next();
  } catch (error) {
    if (sqlState(error) !== '42P01') throw error;
    await db.execute(sql`create sequence if not exists ${sequence} as integer minvalue 1 maxvalue 999999 no cycle`).catch((raced: unknown) => {
      // Two first reports of a year at once: IF NOT EXISTS does not stop the second creator
      // from hitting the catalog's unique index. The sequence exists either way.
      if (sqlState(raced) !== '23505' && sqlState(raced) !== '42P07') throw raced;
    });
    rows = await next();
  }
  // nextval in a set-returning query runs once per row; sort so the batch's numbers ascend in order of arrival.
  return rows.map((r) => Number(r.n)).sort((a, b) => a - b).map((n) => `ENV-${year}-${String(n).padStart(6, '0')}`);
}
