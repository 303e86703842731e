// Benchmark (issue 6): 100,000 pending deadlines falling due over a window; how late does each
// escalation fire? lag = time the escalation was written (its audit row, inside the firing
// transaction) − due time. Baseline, same run and same database: a bare SKIP LOCKED claim loop
// over an identical table that only stamps rows, with the same poll interval: the floor any
// polling engine has. The engine does the real work per row: policy, targets, breach and
// escalation audit rows (hash-chained), outbox rows, next step.
// Run: DATABASE_URL=postgres://… node --import tsx bench/deadlines.ts [count] [windowSeconds]
import { sql } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { queryRows } from '../src/db/query-rows.ts';
import type { Db } from '../src/db/types.ts';
import { DirectoryCache } from '../src/features/directory/directory-cache.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/features/directory/seed-demo.ts';
import { Engine } from '../src/jobs/engine.ts';
import { SseHub } from '../src/jobs/sse.ts';
import { createTestDatabase } from '../src/test/db.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
const WINDOW_S = Number(process.argv[3] ?? 60);
const POLL_MS = 1000;
const BATCH = 200;

if (!process.env.DATABASE_URL) {
  process.stderr.write('bench/deadlines.ts needs DATABASE_URL (a PostgreSQL server)\n');
  process.exit(2);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function lagStats(db: Db, query: ReturnType<typeof sql>): Promise<{ n: number; p50: number; p99: number; max: number }> {
  const rows = await queryRows<{ lag: number }>(db, query);
  const lags = rows.map((r) => Number(r.lag)).sort((a, b) => a - b);
  return { n: lags.length, p50: pct(lags, 50), p99: pct(lags, 99), max: lags[lags.length - 1] ?? NaN };
}

async function waitUntil(db: Db, query: ReturnType<typeof sql>, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    const [row] = await queryRows<{ n: number }>(db, query);
    if (row?.n === 0 || Date.now() > until) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function baseline(db: Db, start: Date): Promise<void> {
  await db.execute(sql`create table bench_claims (id bigserial primary key, due_at timestamptz not null, fired_at timestamptz)`);
  await db.execute(sql`create index on bench_claims (due_at) where fired_at is null`);
  await db.execute(sql`insert into bench_claims (due_at) select ${start.toISOString()}::timestamptz + (i * ${WINDOW_S * 1000 / COUNT}::float8) * interval '1 millisecond' from generate_series(1, ${COUNT}) i`);
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      let n = BATCH;
      while (n === BATCH) {
        const rows = await queryRows<{ id: string }>(
          db,
          sql`with c as (select id from bench_claims where fired_at is null and due_at <= now() order by due_at limit ${BATCH} for update skip locked)
              update bench_claims b set fired_at = clock_timestamp() from c where b.id = c.id returning b.id`,
        );
        n = rows.length;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();
  await waitUntil(db, sql`select count(*)::int as n from bench_claims where fired_at is null`, (WINDOW_S + 120) * 1000);
  stop = true;
  await loop;
}

async function main(): Promise<void> {
  const testDb = await createTestDatabase();
  const { db } = testDb.database;
  const { secrets, auditPersonKey } = loadConfig({ DEMO_MODE: 'true' });
  await seedDemo(db, secrets);
  try {
    const t0 = Date.now();
    await db.execute(sql`
      insert into cases (number, status, received_at, receipt_date, urgency, reporter_user_id, reporter_org_id, idempotency_key,
                         police_diary_number, found_municipality_code, identity_kind, responsible_municipality_code)
      select 'ENV-2098-' || lpad(i::text, 6, '0'), 'received', now(), current_date, 'acute', gen_random_uuid(), 'police-roc', 'bench-' || i,
             '5000-K' || i, '0180', 'unknown', (array['0182','0184','0180','0127'])[1 + i % 4]
        from generate_series(1, ${COUNT}) i`);
    process.stderr.write(`inserted ${COUNT} cases in ${Date.now() - t0} ms\n`);

    const baseStart = new Date(Date.now() + 5000);
    await baseline(db, baseStart);
    const base = await lagStats(db, sql`select extract(epoch from (fired_at - due_at)) * 1000 as lag from bench_claims`);
    process.stderr.write(`baseline done: ${JSON.stringify(base)}\n`);

    const start = new Date(Date.now() + 10_000);
    await db.execute(sql`
      insert into deadlines (case_id, clock, policy_id, started_at, due_at, next_fire_at)
      select id, 'claim', 'default-claim', d - interval '10 minutes', d, d
        from (select id, ${start.toISOString()}::timestamptz + (row_number() over (order by number) * ${WINDOW_S * 1000 / COUNT}::float8) * interval '1 millisecond' as d
                from cases where number like 'ENV-2098-%') s`);
    const cache = new DirectoryCache();
    const engine = new Engine({
      database: testDb.database,
      databaseUrl: testDb.url,
      directory: () => cache.get(db),
      hub: new SseHub(),
      secrets,
      metrics: new Registry(),
      email: { smtpUrl: null, mailFrom: 'bench@invalid', publicUrl: 'http://localhost' },
      pollMs: POLL_MS,
      batchSize: BATCH,
      personKey: auditPersonKey,
    });
    await engine.start();
    await waitUntil(db, sql`select count(*)::int as n from deadlines where step = 0`, (WINDOW_S + 300) * 1000);
    await engine.stop();
    const eng = await lagStats(
      db,
      sql`select extract(epoch from (a.at - d.due_at)) * 1000 as lag
            from audit_log a join deadlines d on d.id = (a.details->>'deadlineId')::bigint
           where a.action = 'deadline.escalated'`,
    );
    const [outboxRows] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from outbox`);
    process.stderr.write(`engine done: ${JSON.stringify(eng)}, outbox rows ${outboxRows?.n}\n`);

    const ms = (v: number) => `${Math.round(v)} ms`;
    process.stdout.write(`| measurement (${COUNT.toLocaleString('en')} deadlines due over ${WINDOW_S} s, poll ${POLL_MS} ms, batch ${BATCH}) | fired | p50 lag | p99 lag | max lag |\n|---|---:|---:|---:|---:|\n`);
    process.stdout.write(`| baseline: bare SKIP LOCKED claim loop (stamp only) | ${base.n} | ${ms(base.p50)} | ${ms(base.p99)} | ${ms(base.max)} |\n`);
    process.stdout.write(`| engine: escalation fired (audit ×2, outbox, next step) | ${eng.n} | ${ms(eng.p50)} | ${ms(eng.p99)} | ${ms(eng.max)} |\n`);
  } finally {
    await testDb.drop();
  }
}

await main();
