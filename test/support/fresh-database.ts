// A fresh database for a child process (the CLI or `envagin serve`), as environment variables:
// a new PostgreSQL database when DATABASE_URL is set, otherwise a new PGlite data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../../src/test/db.ts';

export interface FreshDatabase {
  env: { DATABASE_URL: string } | { DATA_DIR: string };
  /** The PostgreSQL URL, or null on PGlite. */
  url: string | null;
  drop(): Promise<void>;
}

export async function freshDatabase(prefix = 'envagin-'): Promise<FreshDatabase> {
  if (process.env.DATABASE_URL) {
    const db = await createTestDatabase();
    await db.database.close();
    return { env: { DATABASE_URL: db.url! }, url: db.url, drop: () => db.drop() };
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { env: { DATA_DIR: dir }, url: null, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
