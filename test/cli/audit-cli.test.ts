// `envagin audit verify` and the demo-only `envagin totp-code`, run as an operator would, against
// a real database (PostgreSQL when DATABASE_URL is set, otherwise a PGlite data directory).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, eq, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { auditLog } from '../../src/db/schema.ts';
import { withTransaction } from '../../src/db/transaction.ts';
import { recordAudit } from '../../src/audit/record-audit.ts';
import { DEMO_TOTP_SECRET } from '../../src/features/directory/demo-people.ts';
import { totpCode, totpStep } from '../../src/features/auth/totp.ts';
import { runCli } from '../support/cli.ts';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database.ts';

let env: Record<string, string>;
let fresh: FreshDatabase;

before(async () => {
  fresh = await freshDatabase('envagin-audit-cli-');
  env = fresh.env;
  assert.equal(runCli(['seed', '--demo'], env).status, 0);
});
after(async () => {
  await fresh.drop();
});

/** Opens the database in this process (PGlite allows one process at a time, so it is closed after). */
async function withDb<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.DATA_DIR ?? null });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

describe('envagin audit verify', () => {
  test('exit 0 on an intact log, 1 with the row id when a row was changed', async () => {
    await withDb(async ({ db }) => {
      for (let i = 0; i < 3; i++) await withTransaction(db, (tx) => recordAudit(tx, { actor: null, action: 'test.written', details: { i } }));
    });
    const intact = runCli(['audit', 'verify'], env);
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /audit log intact: 4 rows, head [0-9a-f]{64}/);

    const target = await withDb(async ({ db }) => {
      const rows = await db.select().from(auditLog).orderBy(asc(auditLog.id));
      const row = rows[2]!;
      // As the tables' owner: the application's own role may not touch audit rows at all.
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local role none`);
        await tx.execute(sql`alter table audit_log disable trigger user`);
        await tx.update(auditLog).set({ details: { i: 99 } }).where(eq(auditLog.id, row.id));
        await tx.execute(sql`alter table audit_log enable trigger user`);
      });
      return row.id;
    });
    const broken = runCli(['audit', 'verify'], env);
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, new RegExp(`BROKEN at row ${target}: its content was changed`));
    const json = JSON.parse(runCli(['audit', 'verify', '--json'], env).stdout);
    assert.deepEqual(json.firstBroken, { id: String(target), kind: 'changed' });
  });

  test('usage errors exit 2', () => {
    assert.equal(runCli(['audit'], env).status, 2);
    assert.equal(runCli(['audit', 'verify', '--bogus'], env).status, 2);
  });
});

describe('envagin totp-code (demo only)', () => {
  test('prints the current code of a privileged demo user', () => {
    const before = totpStep(new Date());
    const r = runCli(['totp-code', '--user', 'admin'], env);
    assert.equal(r.status, 0, r.stderr);
    const code = r.stdout.trim();
    const candidates = [before, before + 1].map((s) => totpCode(DEMO_TOTP_SECRET, s));
    assert.ok(candidates.includes(code), `${code} is the demo secret's code`);
  });

  test('refuses users without a secret and outside demo mode', () => {
    assert.equal(runCli(['totp-code', '--user', 'hub'], env).status, 2);
    assert.equal(runCli(['totp-code', '--user', 'nobody'], env).status, 2);
    const off = runCli(['totp-code', '--user', 'admin'], { ...env, DEMO_MODE: 'false' });
    assert.equal(off.status, 2);
    assert.match(off.stderr, /demo-mode command/);
  });
});
