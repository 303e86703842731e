import { sql, type SQL } from 'drizzle-orm';
import { sqlState } from '../../db/transaction.ts';
import type { Db } from '../../db/types.ts';

// Human case numbers ENV-YYYY-NNNNNN come from a PostgreSQL sequence per receipt year.
// Sequences are outside transactions: no report waits for another's commit to get its number,
// and no number is ever handed out twice. A report that then fails leaves a gap in the series;
// the audit log shows there is no case behind it.

function sequenceOf(year: number): SQL {
  if (!Number.isInteger(year) || year < 2000 || year > 2999) throw new Error(`case number: bad year ${year}`);
  return sql.raw(`case_number_${year}`);
}

/**
 * The year's next case number as an SQL expression, drawn by the statement that inserts the case
 * (no round trip of its own); that statement fails with isMissingSequence for the year's first report.
 */
export function nextCaseNumberSql(year: number): SQL<string> {
  return sql<string>`${`ENV-${year}-`} || lpad(nextval('${sequenceOf(year)}')::text, 6, '0')`;
}


/** True when the error is the year's sequence not existing yet (the year's first report). */
export const isMissingSequence = (error: unknown) => sqlState(error) === '42P01';

/** Creates the year's sequence; called when the first report of a year finds none. */
export async function createCaseNumberSequence(db: Db, year: number): Promise<void> {
  await db.execute(sql`create sequence if not exists ${sequenceOf(year)} as integer minvalue 1 maxvalue 999999 no cycle`).catch((raced: unknown) => {
    // Two first reports of a year at once: IF NOT EXISTS does not stop the second creator from
    // hitting the catalog's unique index. The sequence exists either way.
    if (sqlState(raced) !== '23505' && sqlState(raced) !== '42P07') throw raced;
  });
}
