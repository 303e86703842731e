// Two `envagin serve` processes on one PostgreSQL database race for 200 due deadlines; one is
// killed with SIGKILL mid-work. Every escalation must fire exactly once: one audit row and one
// outbox row per deadline, none missing, none doubled (DESIGN.md section 3, "Durable work").
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/query-rows.ts';
import { verifyAuditChain } from '../../src/features/audit/verify-chain.ts';
import { withTransaction } from '../../src/db/transaction.ts';
import { wakeEngine } from '../../src/jobs/wake.ts';
import type { TestDatabase } from '../../src/test/db.ts';
import { buildCase, buildDeadline } from '../../src/test/factories.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { demoDatabaseForInstances, skipWithoutPostgres } from '../support/shared-database.ts';

// Instances killed and reached directly: not through Prism.
const DIRECT = { prism: false };

const N = 200;
const skip = skipWithoutPostgres;

let testDb: TestDatabase;
const servers: RunningServer[] = [];

before(async () => {
  if (skip) return;
  testDb = await demoDatabaseForInstances();
});
after(async () => {
  for (const s of servers) await s.stop('SIGKILL').catch(() => {});
  await testDb?.drop();
});

test('two instances, one SIGKILLed mid-work: every escalation fires exactly once', { skip, timeout: 120_000 }, async () => {
  const db = testDb.database.db;
  // Small batches: many transactions, so the kill lands between and inside them.
  const env = { DATABASE_URL: testDb.url!, ENGINE_POLL_MS: '50', ENGINE_BATCH_SIZE: '5', LOG_LEVEL: 'warn', DEMO_MODE: 'true' };
  servers.push(await startServer(env, DIRECT), await startServer(env, DIRECT));

  // Due a minute ago: the claim policy's first step fires now; its repeat is 4 minutes away.
  const due = new Date(Date.now() - 60_000);
  const ids: string[] = [];
  for (let i = 0; i < N; i++) ids.push((await buildCase(db, { receivedAt: due })).id);
  await withTransaction(db, async (tx) => {
    for (const caseId of ids) await buildDeadline(tx, { caseId, policyId: 'default-claim', startedAt: new Date(due.getTime() - 10 * 60_000), dueAt: due });
    await wakeEngine(tx, 'deadline');
  });

  // As soon as some work is done, SIGKILL an instance that has done part of it (engine ids
  // carry the process id), so the kill lands mid-work by construction.
  let victim: RunningServer | undefined;
  for (let i = 0; i < 2000 && !victim; i++) {
    const workers = await queryRows<{ instance: string; n: number }>(
      db,
      sql`select details->>'instance' as instance, count(*)::int as n from audit_log where action = 'deadline.escalated' group by 1`,
    );
    if (workers.reduce((s, w) => s + w.n, 0) >= 10) victim = servers.find((s) => workers.some((w) => w.instance.startsWith(`engine-${s.child.pid}-`)));
    else await new Promise((r) => setTimeout(r, 5));
  }
  assert.ok(victim, 'an instance did part of the work');
  victim.child.kill('SIGKILL');

  const deadlineAt = Date.now() + 60_000;
  for (;;) {
    const [left] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from deadlines where step = 0`);
    if (left?.n === 0) break;
    assert.ok(Date.now() < deadlineAt, `the surviving instance must finish: ${left?.n} left`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const perDeadline = await queryRows<{ id: string; audits: number; outbox: number; breached: number }>(
    db,
    sql`select d.id,
               (select count(*)::int from audit_log a where a.action = 'deadline.escalated' and (a.details->>'deadlineId')::bigint = d.id) as audits,
               (select count(*)::int from audit_log a where a.action = 'deadline.breached' and (a.details->>'deadlineId')::bigint = d.id) as breached,
               (select count(*)::int from outbox o where o.dedupe_key like 'deadline:' || d.id || ':fire:%') as outbox
          from deadlines d`,
  );
  assert.equal(perDeadline.length, N);
  const wrong = perDeadline.filter((r) => r.audits !== 1 || r.outbox !== 1 || r.breached !== 1);
  assert.deepEqual(wrong, [], 'exactly one escalation audit row, one breach and one outbox row per deadline');
  const byInstance = await queryRows<{ instance: string; n: number }>(
    db,
    sql`select details->>'instance' as instance, count(*)::int as n from audit_log where action = 'deadline.escalated' group by 1`,
  );
  assert.equal(byInstance.reduce((s, r) => s + r.n, 0), N);
  // Both instances took part (the one killed and the survivor), proving contention really happened.
  assert.ok(byInstance.length >= 2, `work by instance: ${JSON.stringify(byInstance)}`);
  // Every audit chain stays linear under two concurrent writers and a kill.
  const verified = await verifyAuditChain(db);
  assert.equal(verified.firstBroken, null);
  assert.equal(verified.intact, true);
});
