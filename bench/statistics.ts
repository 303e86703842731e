// The statistics dashboard over 1,000,000 cases (issue 21): GET /api/v1/statistics as the
// analyst, open loop at a fixed modest rate (the real demand is a few analysts), against a plain
// `select count(*) from case_facts` over the same table at the same rate in the same run.
//  1. The real server (`envagin serve --demo`, LOG_LEVEL=warn) on a fresh database of its own
//     (created, migrated, dropped at the end); case_facts filled in one INSERT … SELECT from
//     generate_series with FACTS de-identified rows received over the last two years, spread
//     evenly over the county's 26 municipalities, with the milestones a handled case has; ANALYZE.
//  2. Where the time of one request goes, sequentially: the route's query (listStatFacts: the SQL,
//     the rows over the wire, Drizzle's mapping) and the computation (buildReport, county and the
//     municipality), in this process on the same database; then one HTTP request of each kind.
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
import { openDatabase } from '../src/db/client.ts';
import { buildReport } from '../src/domain/statistics.ts';
import { listStatFacts } from '../src/features/statistics/queries.ts';
import { countyMunicipalities } from '../src/shared/municipalities.ts';
import { freePort, startServer } from '../test/support/server.ts';
import { busyText, machineBusy, processCpu, processCpuSince } from './support/cpu.ts';
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

/**
 * FACTS closed-or-open cases received evenly over the last 730 days (Stockholm dates and hours as
 * case-facts.ts derives them), municipality g mod 26; most handed over and acknowledged, some kept,
 * forwarded or returned; milestones minutes to days after receipt, a few clock breaches.
 */
async function fillFacts(client: pg.Client, count: number): Promise<void> {
  await client.query(
    `insert into case_facts (case_id, status, received_at, received_date, received_hour, received_weekday, office_hours,
                             public_holiday, eve, day_before_holiday, municipality_code, residence_code, found_code, responsible_code,
                             age_band, age_estimated, urgency, gang_risk_types, basis, handling, in_target_group, handover_contact_kind,
                             claimed_at, decided_at, first_contact_attempt_at, handed_over_at, acknowledged_at, acknowledged_verbally,
                             skyddsbedomning_at, skyddsbedomning_outcome, forhandsbedomning_at, forhandsbedomning_outcome,
                             feedback_at, feedback_withheld, forwarded_at, forwarded_to_code, returned_at, closed_at,
                             refusals, releases, reopenings, contact_attempts, questions, linked_duplicate, clocks)
     select gen_random_uuid(),
            case when r.at > now() - interval '20 days' then 'accepted' else 'closed' end,
            r.at, (r.at at time zone 'Europe/Stockholm')::date,
            extract(hour from r.at at time zone 'Europe/Stockholm')::smallint,
            extract(isodow from r.at at time zone 'Europe/Stockholm')::smallint,
            extract(isodow from r.at at time zone 'Europe/Stockholm') <= 5 and extract(hour from r.at at time zone 'Europe/Stockholm') between 8 and 16,
            false, false, false,
            m.code, m.code, m.code, m.code,
            (array['0-11','12-14','15-17','18+','unknown'])[1 + g % 5], g % 7 = 0,
            (array['acute','today','today','not_urgent'])[1 + g % 4],
            case when g % 9 = 0 then array['recruitment'] else array[]::text[] end,
            (array['own_residence','agreement','own_stay','none'])[1 + g % 4],
            h.handling, g % 4 <> 0,
            case when h.handling = 'handover' then 'phone' end,
            r.at + (5 + g % 55) * interval '1 minute',
            r.at + (25 + g % 95) * interval '1 minute',
            case when h.handling = 'handover' then r.at + (30 + g % 100) * interval '1 minute' end,
            case when h.handling = 'handover' then r.at + (40 + g % 120) * interval '1 minute' end,
            case when h.handling = 'handover' then r.at + (45 + g % 180) * interval '1 minute' end,
            case when h.handling = 'handover' then g % 11 = 0 end,
            case when h.handling in ('handover','own') then r.at + (2 + g % 46) * interval '1 hour' end,
            case when h.handling in ('handover','own') then 'no_immediate_protection_needed' end,
            case when h.handling in ('handover','own') then r.at + (3 + g % 12) * interval '1 day' end,
            case when h.handling in ('handover','own') then (array['open_investigation','no_investigation'])[1 + g % 2] end,
            case when h.handling in ('handover','own') and g % 6 <> 0 then r.at + (5 + g % 12) * interval '1 day' end,
            case when h.handling in ('handover','own') and g % 6 = 0 then true end,
            case when h.handling = 'forward' then r.at + (30 + g % 60) * interval '1 minute' end,
            case when h.handling = 'forward' then '0380' end,
            case when h.handling = 'return' then r.at + (30 + g % 60) * interval '1 minute' end,
            case when r.at <= now() - interval '20 days' then r.at + (18 + g % 3) * interval '1 day' end,
            case when g % 50 = 0 then 1 else 0 end, 0, 0, 1 + g % 3, case when g % 13 = 0 then 1 else 0 end, g % 40 = 0,
            case when g % 20 = 0 then '{"claim":{"breaches":1,"escalations":0}}'::jsonb
                 when g % 33 = 0 then '{"acknowledge":{"breaches":1,"escalations":1}}'::jsonb
                 else '{}'::jsonb end
       from generate_series(1, $1::int) g
      cross join lateral (select now() - (g::float8 / $1::int) * interval '730 days' as at) r
      cross join lateral (select ($2::text[])[1 + g % 26] as code) m
      cross join lateral (select (array['handover','handover','handover','handover','handover','handover','handover','own','forward','return'])[1 + g % 10] as handling) h`,
    [count, countyMunicipalities.map((m) => m.code)],
  );
  await client.query('analyze case_facts');
}

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
  const codes = countyMunicipalities.map((m) => m.code);
  // The same rows as listStatFacts, by plain pg: PostgreSQL's execution alone (EXPLAIN ANALYZE),
  // and the rows fetched and parsed by pg without Drizzle.
  const sqlText = `select received_at, received_date, received_hour, received_weekday, office_hours, municipality_code, handling, in_target_group,
                          claimed_at, decided_at, acknowledged_at, skyddsbedomning_at, forhandsbedomning_at, feedback_at, forwarded_at, returned_at, clocks
                     from case_facts where received_date between $1::date and ($2 || '-01')::date + interval '1 month' - interval '1 day' order by received_at`;
  const sqlClient = new pg.Client({ connectionString: databaseUrl });
  await sqlClient.connect();
  const sqlSplit = { execution: [] as number[], fetch: [] as number[] };
  for (let i = 0; i < PROBES; i++) {
    const plan = await sqlClient.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(`explain (analyze, format json) ${sqlText}`, [`${from}-01`, to]);
    sqlSplit.execution.push(plan.rows[0]!['QUERY PLAN'][0]['Execution Time']);
    sqlSplit.fetch.push((await timed(() => sqlClient.query(sqlText, [`${from}-01`, to]))).ms);
    log(`probe ${i + 1}: SQL execution ${fmt(sqlSplit.execution.at(-1)!)} ms, plain pg fetch ${fmt(sqlSplit.fetch.at(-1)!)} ms`);
  }
  await sqlClient.end();
  const split = { query: [] as number[], county: [] as number[], own: [] as number[], json: [] as number[], bytes: 0, facts: 0 };
  for (let i = 0; i < PROBES; i++) {
    const q = await timed(() => listStatFacts(database.db, period, 'all'));
    const county = await timed(() => buildReport(q.value, { period, municipalities: codes, asOf: new Date() }));
    const own = await timed(() => buildReport(q.value.filter((f) => f.municipalityCode === MUNICIPALITY), { period, municipalities: [MUNICIPALITY], asOf: new Date() }));
    const json = await timed(() => JSON.stringify({ county: county.value, municipality: own.value }));
    split.query.push(q.ms);
    split.county.push(county.ms);
    split.own.push(own.ms);
    split.json.push(json.ms);
    split.bytes = json.value.length;
    split.facts = q.value.length;
    log(`probe ${i + 1}: query ${fmt(q.ms)} ms (${q.value.length} facts), county ${fmt(county.ms)} ms, municipality ${fmt(own.ms)} ms, JSON ${fmt(json.ms)} ms`);
  }
  await database.close();

  const splitRows = () => [
    `| PostgreSQL alone: the same SELECT's execution (EXPLAIN ANALYZE) | ${m(sqlSplit.execution)} |`,
    `| the same SELECT fetched by plain pg (rows over the wire, parsed, no Drizzle) | ${m(sqlSplit.fetch)} |`,
    `| query: listStatFacts over ${from}..${to} (SQL, ${split.facts.toLocaleString('en')} rows over the wire, Drizzle mapping) | ${m(split.query)} |`,
    `| computation: buildReport, county (all ${split.facts.toLocaleString('en')} facts) | ${m(split.county)} |`,
    `| computation: filter + buildReport, municipality ${MUNICIPALITY} | ${m(split.own)} |`,
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
