// Benchmark for issue 5, against the machine's PostgreSQL (DATABASE_URL):
//  1. Filing reports through the whole stack (session, zod, personnummer, routing, audit chain,
//     timeline, clock, outbox, and the engine delivering the live events) vs. a bare Fastify +
//     pg endpoint inserting one row, same load generator, same run, at several concurrencies,
//     the endpoints taking turns in rounds; with the CPU each request cost the server,
//     PostgreSQL and the load generator.
//  2. The hub queue and a municipality's case list with 1,000,000 cases in the database.
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/cases.ts
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import { createTestDatabase } from '../src/test/db.ts';
import { freePort, startServer } from '../test/support/server.ts';
import { login, policeFiler, reportBodies, type DemoSession } from './support/filing.ts';
import { busyText, machineBusy, processCpu, processCpuSince } from './support/cpu.ts';
import { latencyOf, runLoad, type LoadResult } from './support/load.ts';

if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to the PostgreSQL server to measure');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
// Up to 256: batching makes envagin's throughput grow with the clients waiting, long after the
// bare insert has levelled off, so each one's highest throughput is found within the run.
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '4,8,16,32,64,128,256').split(',').map(Number);
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
/** Each concurrency's SECONDS are split into this many rounds, the three endpoints taking turns. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);

/** One endpoint's results at one concurrency, over all its rounds. */
interface Measured extends Omit<LoadResult, 'latencies'> {
  /** CPU milliseconds per request: the HTTP server, PostgreSQL (all its processes), this load generator. */
  cpu: { server: number; postgres: number; load: number };
}

interface Endpoint {
  /** Picks the endpoint's server process out of /proc by its command line. */
  serverMatch: (cmd: string) => boolean;
  send: (i: number) => Promise<Response>;
}

/** What an endpoint's rounds at one concurrency add up to. */
interface Tally {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  cpu: { server: number; postgres: number; load: number };
}

const isPostgres = (cmd: string) => cmd.startsWith('postgres');
const emptyTally = (): Tally => ({ requests: 0, errors: 0, seconds: 0, latencies: [], cpu: { server: 0, postgres: 0, load: 0 } });

/**
 * A checkpoint before every measurement: the previous one's WAL is written out now, not
 * during the next endpoint's run (the writes-only diagnostic writes gigabytes), and every
 * endpoint starts from the same state of the server.
 */
async function checkpoint(): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query('checkpoint');
  await admin.end();
}

/** One round: a checkpoint, a short unmeasured warm-up (JIT, pools), then `seconds` of load, with the CPU it cost on each side. */
async function measureRound(e: Endpoint, concurrency: number, seconds: number, into: Tally): Promise<void> {
  await checkpoint();
  await runLoad({ seconds: 1, concurrency, send: e.send });
  const s0 = processCpu(e.serverMatch);
  const p0 = processCpu(isPostgres);
  const l0 = process.cpuUsage();
  const r = await runLoad({ seconds, concurrency, send: e.send });
  const l = process.cpuUsage(l0);
  into.requests += r.requests;
  into.errors += r.errors;
  into.seconds += r.requests / Math.max(r.perSecond, 1e-9);
  into.latencies.push(...r.latencies);
  into.cpu.server += processCpuSince(s0, e.serverMatch);
  into.cpu.postgres += processCpuSince(p0, isPostgres);
  into.cpu.load += (l.user + l.system) / 1e6;
}

function summarize(t: Tally): Measured {
  const per = (seconds: number) => (seconds * 1000) / Math.max(1, t.requests);
  return {
    requests: t.requests,
    errors: t.errors,
    perSecond: t.requests / Math.max(t.seconds, 1e-9),
    ...latencyOf(t.latencies),
    cpu: { server: per(t.cpu.server), postgres: per(t.cpu.postgres), load: per(t.cpu.load) },
  };
}

/** A comparison server (bench/support) on its own fresh, migrated database, until stopped. */
async function startComparison(script: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const db = await createTestDatabase();
  await db.database.close();
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, DATABASE_URL: db.url!, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await once(child.stdout!, 'data');
  return {
    port,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
      await db.drop();
    },
  };
}

interface Lists {
  fillSeconds: number;
  queue: { p50: number; p99: number };
  hubArchive: { p50: number; p99: number };
  nackaOpen: { p50: number; p99: number };
  nackaAll: { p50: number; p99: number };
}

/** Fills the server's database with `fill` cases and reads the four lists 200 times each, every other request the next page. */
async function measureLists(target: { url: string; databaseUrl: string | null }, fill: number): Promise<Lists> {
  const hub = await login(target.url, 'hub');
  const nacka = await login(target.url, 'nacka');
  const pool = new pg.Pool({ connectionString: target.databaseUrl! });
  const t0 = performance.now();
  await pool.query(
    `insert into cases (number, status, received_at, receipt_date, urgency, reporter_user_id, reporter_org_id, idempotency_key,
                        police_diary_number, found_municipality_code, residence_code, identity_kind, age_at_receipt,
                        responsible_municipality_code, handover_org_id, handover_started_at, accepted_by_org_id, report)
     select 'ENV-2025-' || lpad(g::text, 7, '0'),
            case when g % 1000 = 0 then 'received' when g % 1000 = 1 then 'handover_pending' when g % 1000 = 2 then 'accepted' else 'closed' end,
            now() - (g || ' minutes')::interval, (now() - (g || ' minutes')::interval)::date, 'today',
            (select id from users where username = 'polis'), 'police-roc', 'fill-' || g, 'BENCH-' || g, '0180',
            m.code, 'unknown', 15, m.code, 'intake-' || m.code, now() - (g || ' minutes')::interval,
            case when g % 1000 = 1 then null else 'intake-' || m.code end, '{}'::jsonb
       from generate_series(1, $1::int) g
       join lateral (select code from municipalities where in_county order by code offset (g % 26) limit 1) m on true`,
    [fill],
  );
  await pool.query('analyze cases');
  const fillSeconds = (performance.now() - t0) / 1000;
  await pool.end();

  async function sample(user: DemoSession, path: string, n = 200) {
    const times: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < n; i++) {
      const url: string = `${target.url}${path}${cursor && i % 2 === 1 ? `&cursor=${cursor}` : ''}`;
      const t = performance.now();
      const res = await fetch(url, { headers: { cookie: user.cookie } });
      const json = (await res.json()) as { nextCursor?: string | null };
      times.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      cursor = json.nextCursor ?? null;
    }
    return latencyOf(times);
  }
  return {
    fillSeconds,
    queue: await sample(hub, '/api/v1/cases?status=open&limit=50'),
    hubArchive: await sample(hub, '/api/v1/cases?status=closed&limit=50'),
    nackaOpen: await sample(nacka, '/api/v1/cases?status=open&limit=50'),
    nackaAll: await sample(nacka, '/api/v1/cases?status=all&limit=50'),
  };
}

const server = await startServer({ LOG_LEVEL: 'warn' });
try {
  const busy = machineBusy();
  // A different child in every report, as in real life (duplicate detection looks each one up).
  const bodies = reportBodies();
  const bare = await startComparison('bench/support/bare-insert-server.ts');
  const writes = await startComparison('bench/support/writes-only-server.ts');
  const filer = await policeFiler(server.url, bodies);
  const post = (port: number, path: string, body: string) =>
    fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const endpoints: Endpoint[] = [
    { serverMatch: (cmd) => cmd.includes('bare-insert-server.ts'), send: () => post(bare.port, '/insert', bodies[0]!) },
    { serverMatch: (cmd) => cmd.includes('writes-only-server.ts'), send: (i) => post(writes.port, '/file', bodies[i % bodies.length]!) },
    { serverMatch: (cmd) => cmd.includes('envagin.mjs'), send: filer.send },
  ];
  // Every endpoint warmed up once before anything is measured (JIT, pools, caches): the first
  // seconds of a fresh server ran at two thirds of its speed, and fell on the first concurrency.
  for (const e of endpoints) await runLoad({ seconds: WARMUP_SECONDS, concurrency: 8, send: e.send });
  const base: Measured[] = [];
  const writesOnly: Measured[] = [];
  const runs: Measured[] = [];
  const perBatch: number[] = [];
  // Reports per transaction, from the server's own metrics (envagin_filing_batch_size).
  const batches = async () => {
    const body = await (await fetch(`${server.url}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(body)?.[1] ?? 0);
    return { count: value('envagin_filing_batch_size_count'), sum: value('envagin_filing_batch_size_sum') };
  };
  // At each concurrency the three endpoints take turns, round after round (each round in a
  // different order), so a change in the machine's load during the run (a shared host) falls
  // on all three alike instead of on whichever was measured then.
  for (const concurrency of CONCURRENCIES) {
    const tallies = endpoints.map(emptyTally);
    const before = await batches();
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < endpoints.length; k++) {
        const e = (k + round) % endpoints.length;
        await measureRound(endpoints[e]!, concurrency, SECONDS / ROUNDS, tallies[e]!);
      }
    }
    const after = await batches();
    perBatch.push((after.sum - before.sum) / Math.max(1, after.count - before.count));
    const [b, w, r] = tallies.map(summarize);
    base.push(b!);
    writesOnly.push(w!);
    runs.push(r!);
  }
  await bare.stop();
  await writes.stop();
  const machine = busy();

  // 2. The lists, twice: on a fresh database filled to CASES rows (mostly closed history, a
  // realistic open tail, spread over the county), and on the filing runs' database filled to the
  // same count, where the tens of thousands of reports just filed sit unclaimed in the hub queue
  // (a backlog the hub never has, but a stress on every list that walks cases by age).
  const listServer = await startServer({ LOG_LEVEL: 'warn' });
  let fresh: Lists;
  try {
    fresh = await measureLists(listServer, CASES);
  } finally {
    await listServer.stop();
  }
  const backlog = await measureLists(server, CASES - filer.sent());

  const cpu = (m: Measured) => `${m.cpu.server.toFixed(2)} / ${m.cpu.postgres.toFixed(2)} / ${m.cpu.load.toFixed(2)}`;
  const peak = (list: Measured[]) => list.reduce((best, m, i) => (m.perSecond > list[best]!.perSecond ? i : best), 0);
  const [peakBase, peakRun] = [peak(base), peak(runs)];
  const met = CONCURRENCIES.filter((_, i) => runs[i]!.perSecond >= 200 && runs[i]!.p99 < 50 && runs[i]!.errors === 0).map((c) => `${c} clients`);
  process.stdout.write(
    [
      `### Filing reports (${SECONDS} s per row in ${ROUNDS} rounds, the endpoints taking turns; PostgreSQL 15 local, machine ${busyText(machine)} busy over the filing runs)`,
      '',
      '| clients | endpoint | throughput | p50 | p99 | errors | CPU ms per request: server / PostgreSQL / load generator | reports per transaction | ratio |',
      '|---:|---|---:|---:|---:|---:|---|---:|---:|',
      ...CONCURRENCIES.flatMap((c, i) => [
        `| ${c} | baseline: bare Fastify + pg, insert one row | ${base[i]!.perSecond.toFixed(0)}/s | ${base[i]!.p50.toFixed(1)} ms | ${base[i]!.p99.toFixed(1)} ms | ${base[i]!.errors} | ${cpu(base[i]!)} | 1 | |`,
        `| ${c} | diagnostic: the same rows as a report, batched, nothing else | ${writesOnly[i]!.perSecond.toFixed(0)}/s | ${writesOnly[i]!.p50.toFixed(1)} ms | ${writesOnly[i]!.p99.toFixed(1)} ms | ${writesOnly[i]!.errors} | ${cpu(writesOnly[i]!)} | batched | ${(writesOnly[i]!.perSecond / base[i]!.perSecond).toFixed(2)} |`,
        `| ${c} | POST /api/v1/cases (envagin, full stack) | ${runs[i]!.perSecond.toFixed(0)}/s | ${runs[i]!.p50.toFixed(1)} ms | ${runs[i]!.p99.toFixed(1)} ms | ${runs[i]!.errors} | ${cpu(runs[i]!)} | ${perBatch[i]!.toFixed(1)} | **${(runs[i]!.perSecond / base[i]!.perSecond).toFixed(2)}** |`,
      ]),
      '',
      `≥ 200 reports/s with p99 < 50 ms: ${met.length ? `met at ${met.join(', ')}` : 'not met at any concurrency measured'}. Throughput ratio envagin / baseline (issue #5 asks ≥ 0.5): ${runs.map((r, i) => `${(r.perSecond / base[i]!.perSecond).toFixed(2)} at ${CONCURRENCIES[i]}`).join(', ')}. Highest throughput of each in this run: the baseline ${base[peakBase]!.perSecond.toFixed(0)}/s (at ${CONCURRENCIES[peakBase]} clients), envagin ${runs[peakRun]!.perSecond.toFixed(0)}/s (at ${CONCURRENCIES[peakRun]}): **${(runs[peakRun]!.perSecond / base[peakBase]!.perSecond).toFixed(4)}**.`,
      '',
      `### Case lists with ${CASES.toLocaleString('en')} cases, 200 requests each, every other one a next page`,
      '',
      `Fresh database filled in ${fresh.fillSeconds.toFixed(0)} s; "with backlog": the filing runs' database, ${filer.sent().toLocaleString('en')} reports unclaimed in the hub queue, filled to the same count.`,
      '',
      '| list | p50 | p99 | p50 with backlog | p99 with backlog |',
      '|---|---:|---:|---:|---:|',
      ...(
        [
          ['hub queue, open cases', 'queue'],
          ['hub archive, closed cases, newest first', 'hubArchive'],
          ['Nacka intake, open', 'nackaOpen'],
          ['Nacka intake, all', 'nackaAll'],
        ] as const
      ).map(([label, k]) => `| ${label} | ${fresh[k].p50.toFixed(1)} ms | ${fresh[k].p99.toFixed(1)} ms | ${backlog[k].p50.toFixed(1)} ms | ${backlog[k].p99.toFixed(1)} ms |`),
      '',
    ].join('\n'),
  );
} finally {
  await server.stop();
}
