// PostgreSQL restarted under load, with real parts: a PostgreSQL cluster of this test's own (the
// machine's shared server is never touched), two `envagin serve` processes (the build) on it
// behind HAProxy as deploy/haproxy/haproxy.cfg (`npm test` builds first). While the police file reports, escalations fall
// due and a hub screen follows its live stream, PostgreSQL is stopped and, a few seconds later,
// started again. Meanwhile every answer is a prompt 503 problem+json (never a 500, never a hang)
// and /ready says not ready; afterwards the instances recover by themselves, with no report lost
// or doubled, every escalation fired once and every event on the hub's screen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { cases } from '../../src/db/schema.ts';
import { queryRows } from '../../src/db/query-rows.ts';
import { withTransaction } from '../../src/db/transaction.ts';
import { verifyAuditChain } from '../../src/features/audit/verify-chain.ts';
import { seedDemo } from '../../src/features/directory/seed-demo.ts';
import { buildCase, buildDeadline } from '../../src/test/factories.ts';
import { filer, followEvents, logIn, type Filed, type Filer, type LiveStream } from '../support/failover-clients.ts';
import { skipWithoutHaproxy, startBalancer, type Balancer } from '../support/haproxy.ts';
import { skipWithoutPrivatePostgres, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';
import { startServer, type RunningServer } from '../support/server.ts';

// HAProxy balances over the instances' own ports and must see them fail: not through Prism.
const DIRECT = { prism: false };

const REPORTS = 40;
const DEADLINES = 40;
const DOWN_MS = 3000;
// Not on PGlite: one process holds its data directory. The PostgreSQL run of the suite covers it.
const skip = (!process.env.DATABASE_URL && 'needs PostgreSQL (two processes on one database; this file runs in the PostgreSQL pass)') || skipWithoutPrivatePostgres || skipWithoutHaproxy;

let cluster: PrivatePostgres | undefined;
let database: Database | undefined;
const servers: RunningServer[] = [];
let balancer: Balancer | undefined;
let screen: LiveStream | undefined;
const t0 = Date.now();
const log = (what: string) => process.env.FAILOVER_TIMING && process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}\n`);

before(async () => {
  if (skip) return;
  cluster = await startPrivatePostgres();
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query('create database envagin');
  await admin.end();
  database = await openDatabase({ databaseUrl: cluster.url('envagin'), dataDir: null, poolSize: 3 });
  await database.migrate();
  await seedDemo(database.db, loadConfig({ NODE_ENV: 'test', DEMO_MODE: 'true' }).secrets);
  log('cluster ready');
});
const filers: Filer[] = [];
after(async () => {
  for (const f of filers) f.stop();
  screen?.close();
  if (process.env.FAILOVER_TIMING) for (const s of servers) process.stderr.write(s.output());
  await balancer?.stop();
  for (const s of servers) await s.stop('SIGKILL').catch(() => {});
  await database?.close();
  cluster?.destroy();
});

interface Probe {
  what: string;
  status: number | string;
  contentType: string | null;
  code?: string;
  body?: unknown;
  ms: number;
}

async function probe(what: string, url: string, init: RequestInit = {}): Promise<Probe> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text.slice(0, 200);
    }
    return { what, status: res.status, contentType: res.headers.get('content-type'), code: (body as { code?: string })?.code, body, ms: performance.now() - started };
  } catch (error) {
    return { what, status: (error as Error).name, contentType: null, ms: performance.now() - started };
  }
}

test('PostgreSQL stopped and started under load: 503 problem+json meanwhile, not ready, then recovered with nothing lost', { skip, timeout: 150_000 }, async () => {
  const db = database!.db;
  const env = { DATABASE_URL: cluster!.url('envagin'), ENGINE_POLL_MS: '200', ENGINE_BATCH_SIZE: '10', LOG_LEVEL: 'warn', DEMO_MODE: 'true', ENVAGIN_SOURCE: '0', TRUST_PROXY: '127.0.0.1' };
  servers.push(...(await Promise.all([startServer(env, DIRECT), startServer(env, DIRECT)])));
  const [a, b] = servers as [RunningServer, RunningServer];
  balancer = await startBalancer(new URL(a.url).host, new URL(b.url).host);
  log('instances and balancer ready');

  const hub = await logIn(balancer.url, 'hub');
  screen = await followEvents(balancer.url, hub);
  const police = await Promise.all([logIn(balancer.url, 'polis'), logIn(balancer.url, 'polis')]);
  const direct = police[0]!;

  // Escalations fall due before, during and after the outage.
  const start = Date.now();
  const deadlineIds: number[] = [];
  await withTransaction(db, async (tx) => {
    for (let i = 0; i < DEADLINES; i++) {
      const caseId = (await buildCase(tx, { receivedAt: new Date(start - 20 * 60_000) })).id;
      const dueAt = new Date(start + 1000 + i * 250);
      deadlineIds.push(Number((await buildDeadline(tx, { caseId, policyId: 'default-claim', startedAt: new Date(dueAt.getTime() - 10 * 60_000), dueAt })).id));
    }
  });

  filers.push(...police.map((p, k) => filer(balancer!.url, p, `restart-${process.pid}-${k}`)));
  let next = 0;
  const filed: Filed[] = [];
  const filing = Promise.all(
    filers.map(async (f) => {
      for (let i = next++; i < REPORTS; i = next++) {
        filed.push(await f.file(i));
        await new Promise((r) => setTimeout(r, 50));
      }
    }),
  );
  // Awaited below; if the test fails before that, after() stops the filers and this settles quietly.
  filing.catch(() => {});

  while (filed.length < REPORTS / 4) await new Promise((r) => setTimeout(r, 10));
  cluster!.stop('fast');
  const stoppedAt = Date.now();
  log(`PostgreSQL stopped after ${filed.length} reports`);

  // While it is down: each instance answers at once, 503 problem+json, and says it is not ready.
  const probes: Probe[] = [];
  while (Date.now() - stoppedAt < DOWN_MS) {
    for (const s of [a, b]) {
      const headers = { cookie: direct.cookie, 'x-csrf-token': direct.csrf };
      probes.push(await probe('ready', `${s.url}/ready`));
      probes.push(await probe('list', `${s.url}/api/v1/cases`, { headers }));
      probes.push(await probe('file', `${s.url}/api/v1/cases`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `probe-${probes.length}` }, body: '{}' }));
    }
    probes.push(await probe('balancer', `${balancer.url}/api/v1/cases`, { headers: { cookie: direct.cookie } }));
    await new Promise((r) => setTimeout(r, 200));
  }
  const states = await balancer.servers();
  cluster!.start();
  const startedAt = Date.now();
  log(`PostgreSQL started again; ${probes.length} probes`);

  const notReady = probes.filter((p) => p.what === 'ready');
  assert.deepEqual(notReady.filter((p) => p.status !== 503 || (p.body as { status?: string }).status !== 'not_ready'), [], '/ready says not ready');
  const answers = probes.filter((p) => p.what !== 'ready');
  const wrong = answers.filter((p) => p.status !== 503 || !p.contentType?.startsWith('application/problem+json') || p.code !== 'SERVICE_UNAVAILABLE');
  assert.deepEqual(wrong, [], 'every answer meanwhile is 503 problem+json SERVICE_UNAVAILABLE');
  assert.ok(Math.max(...probes.map((p) => p.ms)) < 2000, `answered promptly: ${Math.round(Math.max(...probes.map((p) => p.ms)))} ms at most`);
  assert.deepEqual(states.map((s) => s.status.split(' ')[0]), ['DOWN', 'DOWN'], 'HAProxy took both instances out by their /ready');

  // The police's own retries saw the same: 503 problem+json, never a 500 or a hang.
  const retried = filers.flatMap((f) => f.failures);
  assert.ok(retried.length > 0, 'the police filed through the outage');
  assert.deepEqual(retried.filter((f) => f.status !== 503 || !f.contentType?.startsWith('application/problem+json')), [], 'retries saw 503 problem+json only');

  await filing;
  log(`filed ${REPORTS}, ${Date.now() - startedAt} ms after the start`);
  await balancer.until('UP', ['a', 'b']);
  for (const s of [a, b]) assert.equal((await fetch(`${s.url}/ready`)).status, 200);

  const numbers = filed.map((f) => f.number);
  assert.equal(new Set(numbers).size, REPORTS, 'every report its own case');
  const stored = await db.select({ number: cases.number }).from(cases).where(inArray(cases.number, numbers));
  assert.equal(stored.length, REPORTS, 'no report lost, none doubled');

  const until = Date.now() + 30_000;
  for (;;) {
    const [left] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from deadlines where id in ${deadlineIds} and step = 0`);
    if (left?.n === 0) break;
    assert.ok(Date.now() < until, `every escalation fires after the restart: ${left?.n} left`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const perDeadline = await queryRows<{ id: string; audits: number; outbox: number }>(
    db,
    sql`select d.id,
               (select count(*)::int from audit_log a where a.action = 'deadline.escalated' and (a.details->>'deadlineId')::bigint = d.id) as audits,
               (select count(*)::int from outbox o where o.dedupe_key like 'deadline:' || d.id || ':fire:%') as outbox
          from deadlines d where d.id in ${deadlineIds}`,
  );
  assert.deepEqual(perDeadline.filter((r) => r.audits !== 1 || r.outbox !== 1), [], 'exactly one escalation per deadline');

  // The hub's screen holds every report's event once, including those published while its
  // instance could not hear the others.
  const seen = (n: string) => screen!.events.some((e) => e.topic === 'case.reported' && e.caseNumber === n);
  const streamUntil = Date.now() + 20_000;
  while (!numbers.every(seen) && Date.now() < streamUntil) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(numbers.filter((n) => !seen(n)), [], `every report reached the hub screen (connections: ${JSON.stringify(screen.connections)})`);
  const ids = screen.events.map((e) => e.id);
  assert.deepEqual(screen.events.filter((e, i) => ids.indexOf(e.id) !== i), [], 'no event twice');

  assert.equal((await verifyAuditChain(db)).intact, true);
  log('done');
});
