import { sql, type SQL } from 'drizzle-orm';
import { sqlState } from '../../db/transaction.ts';
import type { Db } from '../../db/types.ts';

// Human case numbers ENV-YYYY-NNNNNN come from a PostgreSQL sequence per receipt year, drawn in
// the batch's first statement (no round trip of their own). Sequences are outside transactions: no
// report waits for another's commit to get its number, and no number is ever handed out twice.
// A report that then fails leaves a gap in the series; the audit log shows there is no case
// behind it.

function sequenceOf(year: number): SQL {
  if (!Number.isInteger(year) || year < 2000 || year > 2999) throw new Error(`case number: bad year ${year}`);
  return sql.raw(`case_number_${year}`);
}

/**
 * The next numbers of each year's series, as many as each year's count (an SQL expression, e.g.
 * the batch's new reports of that year), as a JSON object { year: [n, …] } in ascending order, a
 * year without new reports null (a select-list item): numbers ascend in the order the reports
 * arrived.
 */
export function caseNumbersSql(counts: ReadonlyMap<number, SQL>): SQL {
  const parts = [...counts].map(
    ([year, count]) =>
      sql`${String(year)}::text, (select array_agg(nextval('${sequenceOf(year)}') order by g) from generate_series(1, (${count})::int) as g)`,
  );
  return sql`json_build_object(${sql.join(parts, sql`, `)})`;
}

export const formatCaseNumber = (year: number, n: number) => `ENV-${year}-${String(n).padStart(6, '0')}`;

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
