// A fresh, migrated database for one test file: a new PostgreSQL database on the server named by
// DATABASE_URL (dropped afterwards), or an in-memory PGlite when DATABASE_URL is unset.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/client.ts';

export interface TestDatabase {
  database: Database;
  /** The URL of the fresh PostgreSQL database, for child processes; null on PGlite. */
  url: string | null;
  drop(): Promise<void>;
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface TestDatabaseOptions {
  /** Prepared statements per connection (src/db/client.ts, namedStatements). */
  namedStatements?: boolean;
  /**
   * PostgreSQL only: commits of this throwaway database return before their WAL is flushed
   * (`synchronous_commit = off` on the database; a crash could lose its last moments, never
   * corrupt it). Only for the simulated year, never for the product.
   */
  asynchronousCommit?: boolean;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const database = await openDatabase({ databaseUrl: null, dataDir: null });
    await database.migrate();
    return { database, url: null, drop: () => database.close() };
  }
  const name = `envagin_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  if (options.asynchronousCommit) await admin.query(`alter database ${name} set synchronous_commit = off`);
  await admin.end();
  const url = withDatabaseName(base, name);
  const database = await openDatabase({ databaseUrl: url, dataDir: null, poolSize: 5, namedStatements: options.namedStatements ?? false });
  await database.migrate();
  return {
    database,
    url,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
