// Failover with real parts: two `envagin serve` processes on one PostgreSQL behind HAProxy,
// configured as deploy/haproxy/haproxy.cfg (what docs/DEPLOY.md shows), running the build
// (bin/envagin.mjs serve on dist/, as deployed: `npm test` builds first). While the police file
// reports through the balancer, escalations fall due and a hub screen follows its live stream,
// the instance serving that stream is killed with SIGKILL. Then: no report lost or doubled (the
// police retry with their Idempotency-Key), every escalation exactly once, and the hub screen
// reconnects through the balancer, to the survivor, and is replayed what it missed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inArray, sql } from 'drizzle-orm';
import { cases } from '../../src/db/schema.ts';
import { queryRows } from '../../src/db/query-rows.ts';
import { withTransaction } from '../../src/db/transaction.ts';
import { verifyAuditChain } from '../../src/features/audit/verify-chain.ts';
import { wakeEngine } from '../../src/jobs/wake.ts';
import type { TestDatabase } from '../../src/test/db.ts';
import { buildCase, buildDeadline } from '../../src/test/factories.ts';
import { filer, followEvents, logIn, type Filed, type Filer, type LiveStream } from '../support/failover-clients.ts';
import { skipWithoutHaproxy, startBalancer, type Balancer } from '../support/haproxy.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { demoDatabaseForInstances, skipWithoutPostgres } from '../support/shared-database.ts';

// HAProxy balances over the instances' own ports and must see one die: not through Prism.
const DIRECT = { prism: false };

const REPORTS = 60;
const FILERS = 3;
const DEADLINES = 80;
// Not on PGlite (one process holds its data directory): the PostgreSQL run of the suite covers it.
const skip = skipWithoutPostgres || skipWithoutHaproxy;

let testDb: TestDatabase;
const servers: RunningServer[] = [];
let balancer: Balancer | undefined;
let screen: LiveStream | undefined;
const t0 = Date.now();
const log = (what: string) => process.env.FAILOVER_TIMING && process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}\n`);

before(async () => {
  if (skip) return;
  testDb = await demoDatabaseForInstances();
});
const filers: Filer[] = [];
after(async () => {
  for (const f of filers) f.stop();
  screen?.close();
  if (process.env.FAILOVER_TIMING) for (const s of servers) process.stderr.write(s.output());
  await balancer?.stop();
  for (const s of servers) await s.stop('SIGKILL').catch(() => {});
  await testDb?.drop();
});

test('SIGKILL of an instance behind HAProxy: no report lost or doubled, every escalation once, the live stream replays what it missed', { skip, timeout: 120_000 }, async () => {
  const db = testDb.database.db;
  const env = { DATABASE_URL: testDb.url!, ENGINE_POLL_MS: '100', ENGINE_BATCH_SIZE: '5', LOG_LEVEL: 'warn', DEMO_MODE: 'true', ENVAGIN_SOURCE: '0', TRUST_PROXY: '127.0.0.1' };
  const [a, b] = (servers.push(...(await Promise.all([startServer(env, DIRECT), startServer(env, DIRECT)]))), servers) as [RunningServer, RunningServer];
  log('instances ready');
  const hostPort = (s: RunningServer) => new URL(s.url).host;
  balancer = await startBalancer(hostPort(a), hostPort(b));
  log('balancer ready');
  const byName = { a, b };

  // The hub's screen follows its live stream through the balancer; the police file through it.
  const hub = await logIn(balancer.url, 'hub');
  screen = await followEvents(balancer.url, hub);
  const first = screen.connections[0]!.instance as 'a' | 'b';
  assert.ok(first === 'a' || first === 'b', `the balancer names the instance: ${first}`);
  const victim = byName[first];
  const survivor = first === 'a' ? 'b' : 'a';

  // Escalations fall due one after another over the next few seconds, across the kill.
  const start = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < DEADLINES; i++) ids.push((await buildCase(db, { receivedAt: new Date(start - 20 * 60_000) })).id);
  const deadlineIds: number[] = [];
  await withTransaction(db, async (tx) => {
    for (const [i, caseId] of ids.entries()) {
      const dueAt = new Date(start + 500 + i * 60);
      deadlineIds.push(Number((await buildDeadline(tx, { caseId, policyId: 'default-claim', startedAt: new Date(dueAt.getTime() - 10 * 60_000), dueAt })).id));
    }
    await wakeEngine(tx, 'deadline');
  });

  const police = await Promise.all(Array.from({ length: FILERS }, () => logIn(balancer!.url, 'polis')));
  filers.push(...police.map((p, k) => filer(balancer!.url, p, `failover-${process.pid}-${k}`)));
  let next = 0;
  const filed: Filed[] = [];
  const filing = Promise.all(
    filers.map(async (f) => {
      for (let i = next++; i < REPORTS; i = next++) filed.push(await f.file(i));
    }),
  );
  // Awaited below; if the test fails before that, after() stops the filers and this settles quietly.
  filing.catch(() => {});

  // Kill the instance holding the stream once a third of the reports are in and escalations fire.
  while (filed.length < REPORTS / 3) await new Promise((r) => setTimeout(r, 10));
  victim.child.kill('SIGKILL');
  const killedAt = Date.now();
  await filing;
  log(`filed ${REPORTS}`);
  await balancer.until('DOWN', [first]);

  // Every report was answered, each under its own key, and the database holds each exactly once.
  assert.equal(filed.length, REPORTS);
  const numbers = filed.map((f) => f.number);
  assert.equal(new Set(numbers).size, REPORTS, 'every report its own case');
  const stored = await db.select({ key: cases.idempotencyKey, number: cases.number }).from(cases).where(inArray(cases.number, numbers));
  assert.equal(stored.length, REPORTS, 'no report lost, none doubled');
  const retried = filers.flatMap((f) => f.failures);
  const afterKill = retried.filter((f) => f.at >= killedAt);
  // Refused connections are redispatched by HAProxy; only requests cut off inside the killed
  // process reach the client (502), and the retry with the same key answers with the same case.
  assert.ok(afterKill.every((f) => f.status === 502 || f.status === 503 || f.status === 'network'), JSON.stringify(afterKill));

  // Every escalation fired once: one breach, one escalation audit row, one outbox row each.
  const until = Date.now() + 30_000;
  for (;;) {
    const [left] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from deadlines where id in ${deadlineIds} and step = 0`);
    if (left?.n === 0) break;
    assert.ok(Date.now() < until, `the survivor must fire every escalation: ${left?.n} left`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const perDeadline = await queryRows<{ id: string; audits: number; outbox: number; breached: number }>(
    db,
    sql`select d.id,
               (select count(*)::int from audit_log a where a.action = 'deadline.escalated' and (a.details->>'deadlineId')::bigint = d.id) as audits,
               (select count(*)::int from audit_log a where a.action = 'deadline.breached' and (a.details->>'deadlineId')::bigint = d.id) as breached,
               (select count(*)::int from outbox o where o.dedupe_key like 'deadline:' || d.id || ':fire:%') as outbox
          from deadlines d where d.id in ${deadlineIds}`,
  );
  assert.equal(perDeadline.length, DEADLINES);
  assert.deepEqual(perDeadline.filter((r) => r.audits !== 1 || r.outbox !== 1 || r.breached !== 1), [], 'exactly one escalation per deadline');
  const byInstance = await queryRows<{ instance: string; n: number }>(
    db,
    sql`select details->>'instance' as instance, count(*)::int as n from audit_log where action = 'deadline.escalated' and (details->>'deadlineId')::bigint in ${deadlineIds} group by 1`,
  );
  assert.ok(byInstance.some((r) => r.instance.startsWith(`engine-${victim.child.pid}-`)), `the killed instance fired some before it died: ${JSON.stringify(byInstance)}`);

  // The hub screen reconnected through the balancer to the survivor, with the last id it had,
  // and holds every report's event exactly once: those it missed were replayed.
  const seenAll = () => numbers.every((n) => screen!.events.some((e) => e.topic === 'case.reported' && e.caseNumber === n));
  const streamUntil = Date.now() + 20_000;
  while (!seenAll() && Date.now() < streamUntil) await new Promise((r) => setTimeout(r, 100));
  assert.ok(screen.connections.length >= 2, 'the stream reconnected');
  const reconnect = screen.connections[1]!;
  assert.equal(reconnect.instance, survivor);
  assert.ok(reconnect.lastEventId !== null && reconnect.lastEventId > 0, 'with Last-Event-ID');
  const missing = numbers.filter((n) => !screen!.events.some((e) => e.topic === 'case.reported' && e.caseNumber === n));
  assert.deepEqual(missing, [], 'every report reached the hub screen');
  const ids2 = screen.events.map((e) => e.id);
  const twice = screen.events.filter((e, i) => ids2.indexOf(e.id) !== i);
  assert.deepEqual(twice, [], `no event twice (connections: ${JSON.stringify(screen.connections)})`);
  const again = screen.events.filter((e) => e.connection > 0 && e.id <= screen!.connections[e.connection]!.lastEventId!);
  assert.deepEqual(again, [], 'nothing at or before Last-Event-ID sent again');
  const caughtUp = screen.events.filter((e) => e.connection === 1 && e.topic === 'case.reported');
  // Some of them were published while the screen was disconnected: only the replay can have brought them.
  const reconnectedAt = new Date(reconnect.at).toISOString();
  const published = await queryRows<{ id: string }>(db, sql`select id from outbox where id in ${caughtUp.map((e) => e.id)} and sent_at < ${reconnectedAt}::timestamptz`);
  assert.ok(published.length > 0, `the reconnected stream replayed events published while it was away (${caughtUp.length} on it)`);
  log(`stream: ${screen.events.length} events, ${published.length} replayed`);

  assert.equal((await verifyAuditChain(db)).intact, true);
});

test('docs/DEPLOY.md shows the balancer configuration these tests run, verbatim', async () => {
  const { readFileSync } = await import('node:fs');
  const doc = readFileSync(new URL('../../docs/DEPLOY.md', import.meta.url), 'utf8');
  assert.ok(doc.includes(readFileSync(new URL('../../deploy/haproxy/haproxy.cfg', import.meta.url), 'utf8')), 'deploy/haproxy/haproxy.cfg is in DEPLOY.md as it is');
  assert.ok(doc.includes(readFileSync(new URL('../../deploy/haproxy/503.http', import.meta.url), 'utf8').replaceAll('\r\n', '\n')), 'and its 503 page');
});
