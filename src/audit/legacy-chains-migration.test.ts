// The migration that named the audit log's chains (drizzle/0016, 0017) keeps every row hashed
// before it verifying: a database at migration 0015 with format 1 rows is migrated to the
// latest schema and its log verifies, with the rows in chains legacy-N, beside new rows.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from '../db/client.ts';
import * as schema from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import type { Db } from '../db/types.ts';
import { verifyAuditChain } from '../features/audit/verify-chain.ts';
import { migratedLegacyRows } from '../test/legacy-audit-rows.ts';
import { recordAudit } from './record-audit.ts';

/** The migrations folder as it was before chains had names (up to 0015). */
function migrationsUpTo(last: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'envagin-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

test('rows of numbered chains verify after the migration, and new rows chain by name beside them', async () => {
  const client = new PGlite();
  const db = drizzle(client, { schema }) as unknown as Db;
  const old = migrationsUpTo(15);
  try {
    await migrate(drizzle(client), { migrationsFolder: old });
    for (const row of migratedLegacyRows().slice(0, 2)) {
      const chain = Number(row.chainKey.slice('legacy-'.length));
      await db.execute(sql`insert into audit_log (chain, at, actor_user_id, actor_role, actor_org_id, action, subject_type, subject_id, request_id, details, prev_hash, hash)
        values (${chain}, ${row.at.toISOString()}, ${row.actorUserId}, ${row.actorRole}, ${row.actorOrgId}, ${row.action}, ${row.subjectType}, ${row.subjectId},
                ${row.requestId}, ${JSON.stringify(row.details)}::jsonb, ${row.prevHash}, ${row.hash})`);
    }
    await migrate(drizzle(client), { migrationsFolder });
    await withTransaction(db, (tx) => recordAudit(tx, { actor: null, action: 'test.after_migration', subjectType: 'case', subjectId: '0b5e8c1d-2f3a-4b5c-9d6e-7f8091a2b3c4' }));
    const result = await verifyAuditChain(db);
    assert.deepEqual({ intact: result.intact, rowsChecked: result.rowsChecked }, { intact: true, rowsChecked: 3 });
    const chains = await db.select({ chainKey: schema.auditLog.chainKey, hashVersion: schema.auditLog.hashVersion }).from(schema.auditLog).orderBy(schema.auditLog.id);
    assert.deepEqual(chains, [
      { chainKey: 'legacy-3', hashVersion: 1 },
      { chainKey: 'legacy-3', hashVersion: 1 },
      { chainKey: 'case:0b5e8c1d-2f3a-4b5c-9d6e-7f8091a2b3c4', hashVersion: 2 },
    ]);
    // And the append-only trigger is back in force after the migration set it aside.
    await assert.rejects(db.execute(sql`update audit_log set action = 'x'`), (e: Error) => /append-only/.test(String((e.cause as Error | undefined)?.message)));
  } finally {
    rmSync(old, { recursive: true, force: true });
    await client.close();
  }
});
