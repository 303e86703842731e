// Opens the database: embedded PGlite in DATA_DIR by default, or PostgreSQL when DATABASE_URL is
// set. Both get the same Drizzle schema and the same migrations.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { queryRows } from './query-rows.ts';
import * as schema from './schema.ts';
import type { Db } from './types.ts';

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * The role every application connection starts as (drizzle/0020_database_roles.sql): the engine's,
 * which sees all rows but may not change the audit log. Request handling narrows it per transaction
 * (src/db/actor-transaction.ts); only migrations run as the connecting user, the tables' owner.
 */
export const DEFAULT_ROLE = 'envagin_system';

/** Any stable 64-bit key: serialises migrations across instances starting together. */
const MIGRATION_LOCK_KEY = 7_281_946_102;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  /** Applied migrations versus those shipped: readiness depends on both being equal. */
  migrationStatus(): Promise<{ applied: number; expected: number }>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl: string | null;
  /** Directory for PGlite; null or 'memory://' for an in-memory database (tests). */
  dataDir: string | null;
  poolSize?: number;
  /**
   * PostgreSQL only: send each data statement as a named prepared statement, so that every pool
   * connection parses and plans a statement text once and then only binds and executes it. Used
   * by the simulated year (src/test/simulation/year.ts), whose ~2 million statements are a few
   * hundred texts; not for production, where a schema change by a rolling migration would make
   * PostgreSQL reject the cached plans of connections opened before it.
   */
  namedStatements?: boolean;
}

function expectedMigrations(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

async function appliedMigrations(db: Db): Promise<number> {
  const [exists] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists?.present) return 0;
  const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return count?.n ?? 0;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.namedStatements ?? false);
  return openPglite(options.dataDir);
}

/** Statements worth preparing: data statements, not transaction control or `set`. */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/** Gives every data statement of this client a name derived from its text (see namedStatements). */
function nameStatements(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const named = (config: unknown): unknown => {
    if (typeof config !== 'object' || config === null) return config;
    const { text, name } = config as { text?: unknown; name?: unknown };
    if (typeof text !== 'string' || name !== undefined || !PREPARABLE.test(text)) return config;
    let n = names.get(text);
    if (!n) names.set(text, (n = `s${names.size}`));
    return { ...config, name: n };
  };
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, ...rest: unknown[]) => query(named(config), ...rest);
}

async function openPostgres(url: string, poolSize: number, namedStatements: boolean): Promise<Database> {
  // The role is a connection parameter, so even RESET ROLE returns to it, never to the owner.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    application_name: 'envagin',
    options: `-c role=${DEFAULT_ROLE}`,
  });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Nor may one in use (inside a transaction, between two statements) when PostgreSQL restarts:
  // pg-pool listens for errors on idle clients only, and an 'error' event nobody hears ends the
  // process. Its next statement fails instead (503 to the client), and the pool discards it.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    if (namedStatements) nameStatements(client);
  });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // Migrations own the tables: their own connection, as the connecting user itself.
      const client = new pg.Client({ connectionString: url, application_name: 'envagin-migrate' });
      await client.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
        await client.end();
      }
    },
    async migrationStatus() {
      return { applied: await appliedMigrations(db), expected: expectedMigrations() };
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}

async function openPglite(dataDir: string | null): Promise<Database> {
  const inMemory = dataDir === null || dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const client = inMemory ? new PGlite() : new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  // One connection: it migrates as the owner, then drops to the default role for good.
  const useDefaultRole = async () => {
    const [role] = (await client.query<{ present: boolean }>('select exists (select 1 from pg_roles where rolname = $1) as present', [DEFAULT_ROLE])).rows;
    if (role?.present) await client.query(`set role ${DEFAULT_ROLE}`);
  };
  await useDefaultRole();
  return {
    db,
    kind: 'pglite',
    async migrate() {
      await client.query('set role none');
      try {
        await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
      } finally {
        await useDefaultRole();
      }
    },
    async migrationStatus() {
      return { applied: await appliedMigrations(db), expected: expectedMigrations() };
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}
