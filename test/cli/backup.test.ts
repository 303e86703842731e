// `envagin backup FILE` and `envagin restore FILE` of the embedded PGlite database, as an operator
// runs them: a round trip keeps every case, audit row (the chains still verify) and running
// clock; a restore over a database is refused unless --force, which keeps the old one; on
// PostgreSQL both refuse and name pg_dump/pg_restore. The commands run the build (`npm test`
// builds first); the databases are prepared and read in this process between them.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { asc, sql } from 'drizzle-orm';
import { recordAudit } from '../../src/audit/record-audit.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { auditLog, cases, deadlines } from '../../src/db/schema.ts';
import { withTransaction } from '../../src/db/transaction.ts';
import { verifyAuditChain } from '../../src/features/audit/verify-chain.ts';
import { seedDemo } from '../../src/features/directory/seed-demo.ts';
import { buildCase, buildDeadline } from '../../src/test/factories.ts';
import { runCli as runSourceCli } from '../support/cli.ts';

const runCli = (args: string[], env: Record<string, string>) => runSourceCli(args, { ENVAGIN_SOURCE: '0', ...env });

// The embedded database is the same in both passes of the suite: the round trips run once, in the PGlite pass.
const pgliteOnly = { skip: process.env.DATABASE_URL ? 'the embedded PGlite database; runs in the PGlite pass of the suite' : false };

let dir: string;
const source = () => join(dir, 'data');

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'envagin-backup-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function withDb<T>(dataDir: string, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: null, dataDir });
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Everything the round trip must keep, row for row. */
const snapshot = (dataDir: string) =>
  withDb(dataDir, async ({ db }) => ({
    cases: await db.select().from(cases).orderBy(asc(cases.id)),
    audit: await db.select().from(auditLog).orderBy(asc(auditLog.id)),
    clocks: await db.select().from(deadlines).orderBy(asc(deadlines.id)),
    chainsIntact: (await verifyAuditChain(db)).intact,
  }));

/** A demo installation with a few cases in DATA_DIR `dataDir`, made in this process. */
const seeded = (dataDir: string, work: (database: Database) => Promise<unknown>) =>
  withDb(dataDir, async (database) => {
    await seedDemo(database.db, loadConfig({ NODE_ENV: 'test', DEMO_MODE: 'true' }).secrets);
    await work(database);
  });

describe('envagin backup and restore (embedded PGlite)', () => {
  test('a round trip keeps every case, audit row and running clock; the audit chains still verify', pgliteOnly, async () => {
    const env = { DATA_DIR: source() };
    await seeded(source(), async ({ db }) => {
      await withTransaction(db, async (tx) => {
        for (let i = 0; i < 5; i++) {
          const kase = await buildCase(tx);
          await buildDeadline(tx, { caseId: kase.id, policyId: 'default-claim' });
          await recordAudit(tx, { actor: null, action: 'test.case_touched', subjectType: 'case', subjectId: kase.id, details: { i } });
        }
      });
      // One clock stopped, to show running and stopped ones both come back as they were.
      await db.execute(sql`update deadlines set stopped_at = now(), stop_reason = 'test' where id = (select min(id) from deadlines)`);
    });
    const before = await snapshot(source());
    assert.equal(before.cases.length, 5);
    assert.ok(before.audit.length > 5);
    assert.equal(before.clocks.filter((c) => c.stoppedAt === null).length, 4);
    assert.equal(before.chainsIntact, true);

    const file = join(dir, 'envagin.backup');
    const backup = runCli(['backup', file], env);
    assert.equal(backup.status, 0, backup.stderr);
    assert.match(backup.stdout, /5 cases, \d+ audit rows, 4 running clocks/);
    assert.equal(runCli(['backup', file], env).status, 2, 'an existing file is not replaced without --force');

    const restoredDir = join(dir, 'restored');
    const restore = runCli(['restore', file], { DATA_DIR: restoredDir });
    assert.equal(restore.status, 0, restore.stderr);
    assert.match(restore.stdout, /5 cases, \d+ audit rows, 4 running clocks; the audit log verifies/);
    assert.deepEqual(await snapshot(restoredDir), before, 'every row as it was, and every audit chain verifies');
  });

  test('restore over a database is refused without --force; with it the old directory is kept aside', pgliteOnly, async () => {
    const file = join(dir, 'envagin.backup');
    const target = join(dir, 'occupied');
    await seeded(target, ({ db }) => withTransaction(db, (tx) => buildCase(tx, { policeDiaryNumber: '5000-K999999-26' })));

    const refused = runCli(['restore', file], { DATA_DIR: target });
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /not empty.*--force/);
    assert.equal((await snapshot(target)).cases.length, 1, 'left as it was');

    const forced = runCli(['restore', file, '--force'], { DATA_DIR: target });
    assert.equal(forced.status, 0, forced.stderr);
    const kept = /kept as (.*)$/m.exec(forced.stdout)?.[1];
    assert.ok(kept && existsSync(kept), forced.stdout);
    assert.deepEqual((await snapshot(kept)).cases.map((c) => c.policeDiaryNumber), ['5000-K999999-26'], 'the old database, set aside');
    assert.equal((await snapshot(target)).cases.length, 5, 'the backup, restored');
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.restoring-')), [], 'no staging directory left behind');
  });

  test('a file that is not a backup is refused and leaves nothing behind; a missing database or file is named', pgliteOnly, () => {
    const junk = join(dir, 'junk.backup');
    writeFileSync(junk, 'not a tarball');
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    assert.notEqual(runCli(['restore', junk], { DATA_DIR: empty }).status, 0);
    assert.deepEqual(readdirSync(empty), []);
    assert.match(runCli(['restore', join(dir, 'nope')], { DATA_DIR: empty }).stderr, /no such file/);
    assert.match(runCli(['backup', join(dir, 'x')], { DATA_DIR: empty }).stderr, /no database in DATA_DIR/);
    assert.equal(runCli(['backup'], { DATA_DIR: source() }).status, 2);
  });

  test('on PostgreSQL both refuse and point at pg_dump and pg_restore', () => {
    // Refused before any connection is tried: the address need not exist.
    const env = { DATABASE_URL: 'postgres://envagin@127.0.0.1:1/envagin' };
    for (const command of ['backup', 'restore']) {
      const r = runCli([command, join(dir, 'pg.backup')], env);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /pg_dump.*pg_restore/);
    }
  });
});
