// The embedded PGlite database as one file: its whole data directory in a gzipped tarball
// (PGlite's dumpDataDir), and back (a fresh PGlite created from it with loadDataDir). PGlite is
// one process: the server must be stopped while either runs.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** Whether the directory holds a PGlite (PostgreSQL) data directory. */
export const holdsDatabase = (dataDir: string): boolean => existsSync(join(dataDir, 'PG_VERSION'));

/** Whether the directory is missing or has nothing in it. */
export const isEmptyDir = (dir: string): boolean => !existsSync(dir) || readdirSync(dir).length === 0;

/** The data directory as a gzipped tarball. */
export async function dumpPglite(dataDir: string): Promise<Uint8Array> {
  const client = new PGlite(dataDir);
  try {
    await client.waitReady;
    // A checkpoint first, so the files hold every committed change (not only the WAL).
    await client.query('checkpoint');
    const archive = await client.dumpDataDir('gzip');
    return new Uint8Array(await archive.arrayBuffer());
  } finally {
    await client.close();
  }
}

/** Creates the database in `dataDir` (empty or missing) from a tarball dumpPglite made. */
export async function loadPglite(dataDir: string, archive: Uint8Array<ArrayBuffer>): Promise<void> {
  const client = new PGlite(dataDir, { loadDataDir: new Blob([archive]) });
  try {
    await client.waitReady;
    await client.query('select 1');
  } finally {
    await client.close();
  }
}
