// Proves, in the tests, that a request on behalf of a signed-in reader runs no query as the
// engine's role (issue 22 item 6). While `work` runs, envagin_system holds no privilege on any
// table of the schema (revoked as the tables' owner, restored exactly afterwards), so a handler
// that reads or writes a table through the default role fails with 42501 and answers 500, which
// the authorization matrices then report. Real PostgreSQL privileges on both PostgreSQL and PGlite
// (PGlite is PostgreSQL compiled to WebAssembly; its roles and grants are the real ones).
//
// What it does not see: statements that touch no table (set_config, advisory locks, creating the
// yearly case-number sequence, which envagin_system owns) still run. They read and write no row.
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/query-rows.ts';
import { withTransaction } from '../db/transaction.ts';
import type { Db, Tx } from '../db/types.ts';

type Grants = { table: string; privileges: string }[];

const snapshots = new WeakMap<Db, Grants>();

async function asOwner<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withTransaction(db, async (tx) => {
    await tx.execute(sql`set local role none`);
    return work(tx);
  });
}

async function grantsOf(db: Db): Promise<Grants> {
  return asOwner(db, (tx) =>
    queryRows<{ table: string; privileges: string }>(
      tx,
      sql`select table_name as "table", string_agg(privilege_type, ', ' order by privilege_type) as privileges
            from information_schema.role_table_grants
           where grantee = 'envagin_system' and table_schema = 'public'
           group by table_name order by table_name`,
    ),
  );
}

/** Runs `work` while the engine's role may touch no table. Not reentrant; tests run one request at a time. */
export async function withoutSystemRole<T>(db: Db, work: () => Promise<T>): Promise<T> {
  let grants = snapshots.get(db);
  if (!grants) snapshots.set(db, (grants = await grantsOf(db)));
  await asOwner(db, (tx) => tx.execute(sql`revoke all on all tables in schema public from envagin_system`));
  try {
    return await work();
  } finally {
    await asOwner(db, async (tx) => {
      const byPrivileges = new Map<string, string[]>();
      for (const g of grants) byPrivileges.set(g.privileges, [...(byPrivileges.get(g.privileges) ?? []), g.table]);
      for (const [privileges, tables] of byPrivileges) {
        await tx.execute(sql.raw(`grant ${privileges} on ${tables.map((t) => `"${t}"`).join(', ')} to envagin_system`));
      }
    });
  }
}

/** The engine's table privileges now, to check that the guard restored them. */
export function systemGrants(db: Db): Promise<Grants> {
  return grantsOf(db);
}
