import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.ts';
import { sqlState } from '../../db/transaction.ts';
import type { Db } from '../../db/types.ts';

/**
 * The next human case number ENV-YYYY-NNNNNN, from a PostgreSQL sequence per receipt year.
 * Sequences are outside transactions: no report waits for another's commit to get its number,
 * and no number is ever handed out twice. A report that then fails leaves a gap in the series;
 * the audit log shows there is no case behind it. The year's sequence is created on first use.
 */
export async function nextCaseNumber(db: Db, year: number): Promise<string> {
  if (!Number.isInteger(year) || year < 2000 || year > 2999) throw new Error(`nextCaseNumber: bad year ${year}`);
  const sequence = sql.raw(`case_number_${year}`);
  const next = () => queryRows<{ n: string }>(db, sql`select nextval('${sequence}')::text as n`);
  let rows: { n: string }[];
  try {
    rows = await next();
  } catch (error) {
    if (sqlState(error) !== '42P01') throw error;
    await db.execute(sql`create sequence if not exists ${sequence} as integer minvalue 1 maxvalue 999999 no cycle`);
    rows = await next();
  }
  return `ENV-${year}-${rows[0]!.n.padStart(6, '0')}`;
}
