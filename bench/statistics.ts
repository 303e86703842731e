// The statistics dashboard over 1,000,000 cases (issue 21): GET /api/v1/statistics as the
// analyst, open loop at a fixed modest rate (the real demand is a few analysts), against a plain
// `select count(*) from case_facts` over the same table at the same rate in the same run.
//  1. The real server (`envagin serve --demo`, LOG_LEVEL=warn) on a fresh database of its own
//     (created, migrated, dropped at the end); case_facts filled in one INSERT … SELECT from
//     generate_series with FACTS de-identified rows received over the last two years, spread
//     evenly over the county's 26 municipalities, with the milestones a handled case has; VACUUM ANALYZE (as autovacuum would after a bulk load).
//  2. Where the time of one request goes, sequentially: the route's aggregation in PostgreSQL, as the analyst under the row-level policies,
//     (aggregateStatFacts: three statements, only aggregate rows over the wire) for the county and
//     with a municipality, and the suppression and presentation (buildReport), in this process on
//     the same database; then one HTTP request of each kind.
//  3. Open loop (bench/support/open-loop.ts: latency from each request's due time): the baseline,
//     a bare Fastify + pg server answering count(*) (bench/support/bare-count-server.ts), then
//     the dashboard's default query (the last six months, all hours, county only), then the same
//     with a municipality — one stream at a time, each at --rate for --seconds.
// Prints Markdown for docs/BENCHMARKS.md.
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/statistics.ts
//     A stream whose single request alone takes longer than the interval between arrivals cannot
//     keep up at that rate at all (its queue only grows): it runs --saturated-seconds instead, so
//     the run ends, and the next stream waits until its backlog has drained (the server's process
//     idle and no query on case_facts in flight for three seconds running).
// Options (or BENCH_* variables): --facts 1000000  --rate 2  --seconds 60  --warmup 3  --probes 3
//   --saturated-seconds 10  --split-only (the fill and part 2 only)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { eq } from 'drizzle-orm';
import { withActorTransaction } from '../src/db/actor-transaction.ts';
import { openDatabase } from '../src/db/client.ts';
import { organisations, users } from '../src/db/schema.ts';
import type { Actor } from '../src/shared/actor.ts';
import { buildReport } from '../src/domain/statistics.ts';
import { aggregateStatFacts } from '../src/features/statistics/queries.ts';
import { countyMunicipalities } from '../src/shared/municipalities.ts';
import { freePort, startServer } from '../test/support/server.ts';
import { busyText, machineBusy, processCpu, processCpuSince } from './support/cpu.ts';
import { fillFacts } from './support/fill-facts.ts';
import { login } from './support/filing.ts';
import { startLoadGenerator, type Stream, type StreamResult } from './support/open-loop.ts';

if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to the PostgreSQL server to measure');
const { values: opt } = parseArgs({
  options: {
    facts: { type: 'string', default: process.env.BENCH_FACTS ?? '1000000' },
    rate: { type: 'string', default: process.env.BENCH_RATE ?? '2' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '60' },
    warmup: { type: 'string', default: process.env.BENCH_WARMUP_SECONDS ?? '3' },
    probes: { type: 'string', default: process.env.BENCH_PROBES ?? '3' },
    'saturated-seconds': { type: 'string', default: process.env.BENCH_SATURATED_SECONDS ?? '10' },
    /** Only the fill and part 2 (where the time goes), no open loop. */
    'split-only': { type: 'boolean', default: false },
  },
});
const FACTS = Number(opt.facts);
const RATE = Number(opt.rate);
const SECONDS = Number(opt.seconds);
const WARMUP = Number(opt.warmup);
const PROBES = Number(opt.probes);
const SATURATED_SECONDS = Number(opt['saturated-seconds']);
const MUNICIPALITY = '0180'; // Stockholm; every municipality holds the same share of the fill
const log = (msg: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);

/** 'YYYY-MM' n months before this one, as the dashboard's default period (StatisticsPage.tsx monthsAgo). */
function monthsAgo(n: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
const period = { from: monthsAgo(5), to: monthsAgo(0) };
const wholeFill = { from: monthsAgo(24), to: monthsAgo(0) };

/** The bare count(*) server on the given database, until stopped. */
async function startBare(databaseUrl: string): Promise<{ origin: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/bare-count-server.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await once(child.stdout!, 'data');
  return {
    origin: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * Waits until the server has worked off a backlog: its process used under 5 % of a core, and no
 * query on case_facts was in flight, for three seconds running (at most 10 minutes).
 */
async function drained(databaseUrl: string, serverPid: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const isServer = (_cmd: string, pid: string) => pid === String(serverPid);
  const until = Date.now() + 600_000;
  let quiet = 0;
  while (quiet < 3 && Date.now() < until) {
    const before = processCpu(isServer);
    await new Promise((r) => setTimeout(r, 1000));
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state = 'active' and query ilike '%case_facts%'`,
    );
    quiet = Number(rows[0]!.n) === 0 && processCpuSince(before, isServer) < 0.05 ? quiet + 1 : 0;
  }
  await client.end();
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
const median = (xs: number[]) => pct([...xs].sort((a, b) => a - b), 0.5);
const m = (xs: number[]) => fmt(median(xs));
async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

const server = await startServer({ LOG_LEVEL: 'warn' });
const databaseUrl = server.databaseUrl!;
const bare = await startBare(databaseUrl);
const generator = await startLoadGenerator();
try {
  // 1. The fill.
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  log(`filling case_facts with ${FACTS.toLocaleString('en')} rows`);
  const fill = await timed(() => fillFacts(admin, FACTS));
  const rows = Number((await admin.query<{ n: string }>('select count(*) as n from case_facts')).rows[0]!.n);
  const size = (await admin.query<{ s: string }>(`select pg_size_pretty(pg_total_relation_size('case_facts')) as s`)).rows[0]!.s;
  const { from, to } = period;
  const inPeriod = Number(
    (await admin.query<{ n: string }>(`select count(*) as n from case_facts where received_date between $1::date and ($2 || '-01')::date + interval '1 month' - interval '1 day'`, [`${from}-01`, to])).rows[0]!.n,
  );
  await admin.end();
  log(`filled in ${(fill.ms / 1000).toFixed(0)} s: ${rows} rows (${size}), ${inPeriod} in ${from}..${to}`);

  // 2. Where the time goes, sequentially, in this process: the query and the computation.
  const database = await openDatabase({ databaseUrl, dataDir: null, poolSize: 2 });
  const [analyst] = await database.db.select().from(users).where(eq(users.username, 'analytiker'));
  const [org] = await database.db.select().from(organisations).where(eq(organisations.id, analyst!.orgId));
  const analystActor: Actor = {
    userId: analyst!.id,
    username: analyst!.username,
    displayName: analyst!.displayName,
    role: 'analyst',
    orgId: org!.id,
    orgName: org!.name,
    orgKind: org!.kind,
    municipalityCode: org!.municipalityCode,
  };
  const codes = countyMunicipalities.map((m) => m.code);
  const split = { county: [] as number[], withOwn: [] as number[], twoYears: [] as number[], report: [] as number[], json: [] as number[], bytes: 0 };
  for (let i = 0; i < PROBES; i++) {
    // As the route runs it: in the analyst's transaction, under the reader's row-level policies
    // (which change the plan: the JIT threshold was crossed only there).
    const aggregate = (p: typeof period, municipalities: string[]) =>
      withActorTransaction(database.db, analystActor, (tx) => aggregateStatFacts(tx, { period: p, hours: 'all', municipalities, asOf: new Date() }));
    const county = await timed(() => aggregate(period, []));
    const withOwn = await timed(() => aggregate(period, [MUNICIPALITY]));
    const twoYears = await timed(() => aggregate(wholeFill, []));
    const report = await timed(() => ({
      county: buildReport(withOwn.value.county, { period, municipalities: codes }),
      municipality: buildReport(withOwn.value.municipalities.get(MUNICIPALITY)!, { period, municipalities: [MUNICIPALITY] }),
    }));
    const json = await timed(() => JSON.stringify(report.value));
    split.county.push(county.ms);
    split.withOwn.push(withOwn.ms);
    split.twoYears.push(twoYears.ms);
    split.report.push(report.ms);
    split.json.push(json.ms);
    split.bytes = json.value.length;
    log(`probe ${i + 1}: aggregation county ${fmt(county.ms)} ms, with municipality ${fmt(withOwn.ms)} ms, two years ${fmt(twoYears.ms)} ms, buildReport ${fmt(report.ms)} ms, JSON ${fmt(json.ms)} ms`);
  }
  await database.close();

  const splitRows = () => [
    `| aggregation in PostgreSQL as the analyst (row-level policies, as the route): aggregateStatFacts over ${from}..${to} (${inPeriod.toLocaleString('en')} facts), county only | ${m(split.county)} |`,
    `| the same with municipality ${MUNICIPALITY} beside the county (its measures in a second pass) | ${m(split.withOwn)} |`,
    `| the county over the whole fill, ${wholeFill.from}..${wholeFill.to} (every fact: not the dashboard's default, shown for scale) | ${m(split.twoYears)} |`,
    `| suppression and presentation: buildReport, county + municipality | ${m(split.report)} |`,
    `| JSON.stringify of both reports (${(split.bytes / 1024).toFixed(0)} KiB) | ${m(split.json)} |`,
  ];
  const header = `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}. case_facts: ${rows.toLocaleString('en')} rows (${size}, filled in ${(fill.ms / 1000).toFixed(0)} s), ${inPeriod.toLocaleString('en')} received in ${from}..${to}.`;
  if (opt['split-only']) {
    process.stdout.write([header, '', '| part | ms |', '|---|---:|', ...splitRows(), '', `Load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`, ''].join('\n'));
  } else {
    // The streams: the analyst's session (logged in after the fill, so it has not gone idle).
    const analyst = [{ cookie: (await login(server.url, 'analytiker')).cookie }];
    const base = `/api/v1/statistics?from=${from}&to=${to}&hours=all`;
    const streams: Stream[] = [
      { name: 'baseline', rate: RATE, method: 'GET', origin: bare.origin, paths: ['/count'], headers: [{}] },
      { name: 'default', rate: RATE, method: 'GET', origin: server.url, paths: [base], headers: analyst },
      { name: 'municipality', rate: RATE, method: 'GET', origin: server.url, paths: [`${base}&municipality=${MUNICIPALITY}`], headers: analyst },
    ];
    const labels: Record<string, string> = {
      baseline: 'baseline: `select count(*) from case_facts` (bare Fastify + pg over HTTP)',
      default: `GET ${base} (dashboard default: last 6 months, all hours, county)`,
      municipality: `GET …&municipality=${MUNICIPALITY} (the same, with Stockholm beside the county)`,
    };
    const single: Record<string, number[]> = {};
    for (const s of streams) {
      single[s.name] = [];
      for (let i = 0; i < PROBES; i++) {
        const t = await timed(() => fetch(new URL(s.paths[0]!, s.origin), { headers: s.headers[0] }).then(async (r) => (r.ok ? r.text() : Promise.reject(new Error(`${s.name}: ${r.status} ${await r.text()}`)))));
        single[s.name]!.push(t.ms);
      }
      log(`single ${s.name}: ${single[s.name]!.map(fmt).join(', ')} ms`);
    }

    // 3. Open loop, one stream at a time (each warmed up at the same rate first).
    const results: { s: Stream; r: StreamResult; busy: number | null; load: number; lagMax: number; seconds: number }[] = [];
    for (const s of streams) {
      const saturated = median(single[s.name]!) > 1000 / RATE;
      const seconds = saturated ? Math.min(SECONDS, SATURATED_SECONDS) : SECONDS;
      if (WARMUP > 0 && !saturated) await generator.run({ seconds: WARMUP, streams: [{ ...s, name: `${s.name}-warmup` }] });
      const busy = machineBusy();
      const load = loadavg()[0]!;
      log(`open loop ${s.name}: ${RATE}/s for ${seconds} s (load average ${load.toFixed(2)})`);
      const r = await generator.run({ seconds, streams: [s] });
      results.push({ s, r: r.streams[0]!, busy: busy(), load, lagMax: r.sendLag.max, seconds });
      log(`done ${s.name}: ok ${r.streams[0]!.ok}, errors ${r.streams[0]!.errors}`);
      if (saturated) await drained(databaseUrl, server.child.pid!);
    }

    const baseSorted = [...results[0]!.r.latencies].sort((a, b) => a - b);
    const errorsText = (r: StreamResult) =>
      `${r.errors}${r.errors ? ` (${Object.entries(r.statuses).filter(([s]) => !s.startsWith('2')).map(([s, n]) => `${s}×${n}`).join(', ')})` : ''}`;
    const tableRows = results.map(({ s, r, busy, load, seconds }) => {
      const sorted = [...r.latencies].sort((a, b) => a - b);
      const [p50, p90, p99, max] = [pct(sorted, 0.5), pct(sorted, 0.9), pct(sorted, 0.99), sorted.at(-1) ?? 0];
      const ratio = p99 / Math.max(pct(baseSorted, 0.99), 1e-9);
      const verdict = s.name === 'baseline' ? '' : p99 < 300 && r.errors === 0 ? 'yes' : '**no**';
      return `| ${labels[s.name]}${seconds < SECONDS ? ` (**${seconds} s only**: one request alone takes longer than the ${1000 / RATE} ms between arrivals)` : ''} | ${(r.ok / r.seconds).toFixed(2)} | ${errorsText(r)} | ${fmt(p50)} | ${fmt(p90)} | ${fmt(p99)} | ${fmt(max)} | ${ratio.toFixed(1)}× | ${verdict} | ${load.toFixed(1)} | ${busyText(busy)} |`;
    });
    process.stdout.write(
      [
        header,
        '',
        `### Where one request's time goes (sequential, median of ${PROBES}, in the benchmark's process on the same database)`,
        '',
        '| part | ms |',
        '|---|---:|',
        ...splitRows(),
        ...streams.map((s) => `| one HTTP request alone: ${labels[s.name]} | ${m(single[s.name]!)} |`),
        '',
        `### Open loop: ${RATE} requests/s for ${SECONDS} s per stream, one stream at a time (after ${WARMUP} s warm-up each); target p99 < 300 ms`,
        '',
        '| stream (as `analytiker`) | achieved/s | errors | p50 ms | p90 ms | p99 ms | max ms | p99 ratio to baseline | p99 < 300 ms | load avg (1 min) at start | machine busy |',
        '|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|',
        ...tableRows,
        '',
        `The generator sent each request at most ${fmt(Math.max(...results.map((r) => r.lagMax)))} ms after it was due (included in the latencies). Load average after the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`,
        '',
      ].join('\n'),
    );
  }
} finally {
  await generator.stop();
  await bare.stop();
  await server.stop();
}
