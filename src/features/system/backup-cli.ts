// `envagin backup FILE` and `envagin restore FILE [--force]`: the embedded PGlite database (the
// default, DATA_DIR) to one file and back, with the server stopped (PGlite is one process).
// A restore is made in a directory beside DATA_DIR, checked (the audit log's hash chains must
// verify) and only then moved into place; over a DATA_DIR that holds anything it is refused
// unless --force, and then the old directory is kept beside it, renamed, never deleted. On
// PostgreSQL both refuse and point at pg_dump/pg_restore, which back up a running server.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { dumpPglite, holdsDatabase, isEmptyDir, loadPglite } from '../../db/pglite-archive.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { Db } from '../../db/types.ts';
import { systemClock } from '../../jobs/clock-source.ts';
import { CliInputError } from '../routing/cli.ts';
import { verifyAuditChain } from '../audit/verify-chain.ts';

const ON_POSTGRES =
  'backup and restore are for the embedded PGlite database (DATA_DIR); with DATABASE_URL set, back up PostgreSQL with its own tools, ' +
  'which work while the server runs: pg_dump --format=custom --file=envagin.dump "$DATABASE_URL", and pg_restore --dbname=… --no-owner envagin.dump ' +
  'into an empty database (see docs/DEPLOY.md)';

interface Contents {
  cases: number;
  auditRows: number;
  runningClocks: number;
}

async function contents(db: Db): Promise<Contents> {
  const [row] = await queryRows<Contents>(
    db,
    sql`select (select count(*)::int from cases) as "cases", (select count(*)::int from audit_log) as "auditRows",
               (select count(*)::int from deadlines where stopped_at is null) as "runningClocks"`,
  );
  return row!;
}

const describe = (c: Contents) => `${c.cases} cases, ${c.auditRows} audit rows, ${c.runningClocks} running clocks`;

export async function backupCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { force: { type: 'boolean' } } });
  if (config.databaseUrl) throw new CliInputError(ON_POSTGRES);
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new CliInputError('usage: envagin backup FILE [--force]');
  const dataDir = resolve(config.dataDir);
  if (!holdsDatabase(dataDir)) throw new CliInputError(`no database in DATA_DIR (${dataDir}): nothing to back up`);
  if (existsSync(file) && !values.force) throw new CliInputError(`${file} exists: give another name, or --force to replace it`);

  const archive = await dumpPglite(dataDir);
  const tmp = join(dirname(resolve(file)), `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(tmp, archive, { mode: 0o600 });
  renameSync(tmp, file);
  const database = await openDatabase({ databaseUrl: null, dataDir });
  try {
    process.stdout.write(`backup of ${dataDir} written to ${file} (${archive.byteLength} bytes): ${describe(await contents(database.db))}\n`);
  } finally {
    await database.close();
  }
  return 0;
}

export async function restoreCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { force: { type: 'boolean' } } });
  if (config.databaseUrl) throw new CliInputError(ON_POSTGRES);
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new CliInputError('usage: envagin restore FILE [--force]');
  if (!existsSync(file)) throw new CliInputError(`${file}: no such file`);
  const dataDir = resolve(config.dataDir);
  if (!isEmptyDir(dataDir) && !values.force) {
    throw new CliInputError(`DATA_DIR (${dataDir}) is not empty: restore into an empty or new directory, or give --force to set the present one aside (renamed, not deleted)`);
  }

  // Made and checked beside the data directory, then moved into place in one rename.
  const staging = `${dataDir}.restoring-${randomBytes(4).toString('hex')}`;
  mkdirSync(dirname(dataDir), { recursive: true });
  try {
    await loadPglite(staging, new Uint8Array(readFileSync(file)));
    const database = await openDatabase({ databaseUrl: null, dataDir: staging });
    let found: Contents;
    try {
      const chain = await verifyAuditChain(database.db);
      if (!chain.intact) {
        process.stderr.write(`the backup's audit log does not verify (first broken row ${chain.firstBroken?.id}): not restored\n`);
        return 1;
      }
      found = await contents(database.db);
    } finally {
      await database.close();
    }
    let setAside: string | null = null;
    if (existsSync(dataDir)) {
      if (isEmptyDir(dataDir)) rmSync(dataDir, { recursive: true });
      else {
        setAside = `${dataDir}.before-restore-${systemClock.now().toISOString().replace(/[:.]/g, '-')}`;
        renameSync(dataDir, setAside);
      }
    }
    renameSync(staging, dataDir);
    process.stdout.write(`restored ${file} into ${dataDir}: ${describe(found)}; the audit log verifies\n`);
    if (setAside) process.stdout.write(`the previous data directory is kept as ${setAside}\n`);
    return 0;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
