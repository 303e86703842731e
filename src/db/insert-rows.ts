// Multi-row inserts from one JSON parameter, for the hot paths that write many rows at once (a
// batch of reports writes five tables). Drizzle's insert builder turns every value of every row
// into its own parameter, checking and mapping each one: for a batch of reports that was a fifth
// of the server's CPU, and PostgreSQL then parsed and typed hundreds of parameters per statement.
// Here the rows travel as one JSON array that PostgreSQL unpacks into the table's own row type
// (jsonb_populate_recordset; as jsonb, a report's nested JSON is parsed once, not again for its
// jsonb column), so the statement text depends only on the columns, and rows come
// back through the same column mappers Drizzle's own `returning()` uses.
import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRowsPrepared } from './query-rows.ts';
import type { DbOrTx } from './types.ts';

type Column = ReturnType<typeof getTableColumns<PgTable>>[string];

/** JSON has no Date: send the instant as ISO 8601 with its offset, which timestamptz reads exactly. */
function toJson(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function columnsOf(table: PgTable): Map<string, Column> {
  return new Map(Object.entries(getTableColumns(table)));
}

/** The keys the rows set (undefined means "use the column's default", as in Drizzle). */
function keysOf(rows: readonly Record<string, unknown>[]): string[] {
  const first = Object.keys(rows[0]!).filter((k) => rows[0]![k] !== undefined);
  for (const row of rows) {
    const keys = Object.keys(row).filter((k) => row[k] !== undefined);
    // One column list for all rows: a row without a value would get NULL where Drizzle gives the default.
    if (keys.length !== first.length || keys.some((k) => !first.includes(k))) {
      throw new Error(`insertRows: every row must set the same columns (${first.join(', ')} vs ${keys.join(', ')})`);
    }
  }
  return first;
}

/** More rows written by the same statement (e.g. a case's timeline events with the case). */
export interface AlongsideRows<T extends PgTable = PgTable> {
  table: T;
  rows: readonly T['$inferInsert'][];
  onConflictDoNothing?: boolean;
}

/** Rows of one table from one JSON parameter, as `insert into … select …` without RETURNING. */
function insertFromJson(table: PgTable, records: readonly Record<string, unknown>[], onConflictDoNothing: boolean): SQL {
  const columns = columnsOf(table);
  const sent = keysOf(records);
  const names = sent.map((key) => {
    const column = columns.get(key);
    if (!column) throw new Error(`insertRows: ${key} is not a column`);
    return column.name;
  });
  // Written out directly, not as renamed copies of the rows for JSON.stringify: the copies were
  // garbage the size of every report in the batch.
  const members = names.map((name) => `${JSON.stringify(name)}:`);
  let json = '[';
  for (const row of records) {
    json += json.length > 1 ? ',{' : '{';
    for (let n = 0; n < sent.length; n++) json += (n > 0 ? ',' : '') + members[n]! + JSON.stringify(toJson(row[sent[n]!]));
    json += '}';
  }
  json += ']';
  return sql`insert into ${table} (${sql.join(names.map((name) => sql.identifier(name)), sql`, `)})
             select ${sql.join(names.map((name) => sql`r.${sql.identifier(name)}`), sql`, `)} from jsonb_populate_recordset(null::${table}, ${json}::jsonb) as r
             ${onConflictDoNothing ? sql`on conflict do nothing` : sql``}`;
}

/** What insertRows reads back: every column, or only those the database fills in itself. */
export type ReadBack = 'all' | 'database-defaults';

/**
 * Inserts the rows in one statement and returns the inserted rows, mapped like Drizzle's
 * `returning()` (in insert order; with onConflictDoNothing, only those inserted). Rows of other
 * tables given `alongside` are inserted by the same statement (foreign keys between them are
 * checked at its end, when all are in).
 *
 * With `readBack: 'database-defaults'` only the columns whose value the database decides (an SQL
 * default such as now(), not given) travel back; the rest of each row is what was sent, or the
 * column's constant default, or NULL. For rows carrying large JSON (a report), which PostgreSQL
 * would otherwise print and the server parse again only to get back what it sent.
 */
export async function insertRows<T extends PgTable>(
  tx: DbOrTx,
  table: T,
  rows: readonly T['$inferInsert'][],
  options: { onConflictDoNothing?: boolean; alongside?: readonly AlongsideRows[]; readBack?: ReadBack } = {},
): Promise<T['$inferSelect'][]> {
  if (rows.length === 0) return [];
  const others = (options.alongside ?? []).filter((part) => part.rows.length > 0);
  const ctes = others.map(
    (part, n) =>
      sql`${sql.raw(`w${n}`)} as (${insertFromJson(part.table, part.rows as readonly Record<string, unknown>[], part.onConflictDoNothing ?? false)})`,
  );
  const main = insertFromJson(table, rows as readonly Record<string, unknown>[], options.onConflictDoNothing ?? false);
  const columns = [...columnsOf(table)];
  const sent = rows as readonly Record<string, unknown>[];
  // Rows rebuilt from what was sent: matched by their key, and what each column not given holds,
  // decided once per statement, not per row.
  const rebuild =
    options.readBack === 'database-defaults'
      ? { key: keyForReadBack(columns, sent, options.onConflictDoNothing ?? false), unset: new Map(columns.map(([name, column]) => [name, unsetValue(column)])) }
      : null;
  const returned = rebuild ? columns.filter(([name]) => name === rebuild.key.name || (sent[0]![name] === undefined && rebuild.unset.get(name) === null)) : columns;
  const result = await queryRowsPrepared<Record<string, unknown>>(
    tx,
    sql`${ctes.length ? sql`with ${sql.join(ctes, sql`, `)} ` : sql``}${main} returning ${sql.join(returned.map(([, column]) => sql.identifier(column.name)), sql`, `)}`,
  );
  const fromDatabase = (raw: Record<string, unknown>) =>
    Object.fromEntries(returned.map(([name, column]) => [name, raw[column.name] === null || raw[column.name] === undefined ? null : column.mapFromDriverValue(raw[column.name])]));
  if (!rebuild) return result.map((raw) => fromDatabase(raw) as T['$inferSelect']);
  const { key, unset } = rebuild;
  const byKey = new Map(sent.map((row) => [row[key.name], row]));
  return result.map((raw) => {
    const read = fromDatabase(raw);
    const given = byKey.get(read[key.name]);
    if (!given) throw new Error(`insertRows: a row came back that was not sent (${String(read[key.name])})`);
    return { ...asSent(columns, given, unset), ...read } as T['$inferSelect'];
  });
}

/** Under 'database-defaults' the rows come back matched to those sent by their primary key, which must be sent; and all must be inserted. */
function keyForReadBack(columns: readonly (readonly [string, Column])[], sent: readonly Record<string, unknown>[], onConflictDoNothing: boolean): { name: string } {
  const key = columns.find(([, column]) => column.primary);
  if (!key || sent[0]![key[0]] === undefined || onConflictDoNothing) throw new Error('insertRows: database-defaults needs the primary key sent and every row inserted');
  return { name: key[0] };
}

/**
 * What a column holds when a row does not set it, if the server can know: NULL, or its constant
 * default. Null when only the database knows (an SQL default such as now(), or a default function).
 */
function unsetValue(column: Column): { value: unknown } | null {
  if (!column.hasDefault) return { value: null };
  return column.default === undefined || is(column.default, SQL) ? null : { value: column.default };
}

/** A row as sent: the value given, else what the column holds unset (see unsetValue). */
function asSent(columns: readonly (readonly [string, Column])[], given: Record<string, unknown>, unset: ReadonlyMap<string, { value: unknown } | null>): Record<string, unknown> {
  return Object.fromEntries(columns.map(([name]) => [name, given[name] !== undefined ? given[name] : (unset.get(name)?.value ?? null)]));
}
