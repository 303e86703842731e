// Filing and the main reads under open-loop load (issue 18), against the machine's PostgreSQL.
//  1. Filing: `polis` files reports (POST /api/v1/cases, twelve sessions in turn, a fresh
//     Idempotency-Key each) at fixed arrival rates, in rounds alternating with a bare Fastify + pg
//     server inserting the same report bodies as one row each (bench/support/bare-insert-server.ts).
//     Latency from each request's due time; CPU per report of the server process and of
//     PostgreSQL (the backends of that system's database, plus the server-wide writer processes).
//  2. Reads under filing load: the hub queue (GET /api/v1/cases as `hub`) and the case page
//     (GET /api/v1/cases/:id as `hub`, cases filed in part 1) at a fixed rate each, while filing
//     runs at each of a few fixed rates (0: the reads alone, the baseline).
// Prints Markdown tables for docs/BENCHMARKS.md.
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/open-loop.ts
// Options (or the BENCH_* variables): --rates 100,200,400  --seconds 10  --rounds 3  --warmup 5
//   --read-rate 20 (each read, per second)  --read-under 0,100,400 (filing rates during the reads)
//   --fill 0 (cases added before the reads, mostly closed history: 1000000 reads the lists at scale)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createTestDatabase } from '../src/test/db.ts';
import { freePort, startServer } from '../test/support/server.ts';
import { busyText, machineBusy, processCpu, processCpuSince } from './support/cpu.ts';
import { login, policeSessions } from './support/filing.ts';
import { latencyOf } from './support/load.ts';
import { startLoadGenerator, type Stream, type StreamResult } from './support/open-loop.ts';

if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to the PostgreSQL server to measure');
const { values: opt } = parseArgs({
  options: {
    rates: { type: 'string', default: process.env.BENCH_RATES ?? '100,200,400' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '10' },
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '3' },
    warmup: { type: 'string', default: process.env.BENCH_WARMUP_SECONDS ?? '5' },
    'read-rate': { type: 'string', default: process.env.BENCH_READ_RATE ?? '20' },
    'read-under': { type: 'string', default: process.env.BENCH_READ_UNDER ?? '0,100,400' },
    fill: { type: 'string', default: process.env.BENCH_FILL ?? '0' },
  },
});
const numbers = (text: string) => text.split(',').filter(Boolean).map(Number);
const RATES = numbers(opt.rates);
const SECONDS = Number(opt.seconds);
const ROUNDS = Number(opt.rounds);
const WARMUP = Number(opt.warmup);
const READ_RATE = Number(opt['read-rate']);
const READ_UNDER = numbers(opt['read-under']);
const FILL = Number(opt.fill);

/** What one system's rounds at one offered rate add up to. */
interface Tally {
  ok: number;
  errors: number;
  seconds: number;
  latencies: number[];
  statuses: Record<string, number>;
  /** CPU seconds: the system's server process, its PostgreSQL. */
  server: number;
  postgres: number;
}
const tally = (): Tally => ({ ok: 0, errors: 0, seconds: 0, latencies: [], statuses: {}, server: 0, postgres: 0 });
function add(t: Tally, r: StreamResult): void {
  t.ok += r.ok;
  t.errors += r.errors;
  t.seconds += r.seconds;
  t.latencies.push(...r.latencies);
  for (const [status, n] of Object.entries(r.statuses)) t.statuses[status] = (t.statuses[status] ?? 0) + n;
}

/**
 * PostgreSQL processes doing a system's work: the backends connected to its database, and the
 * server-wide processes (WAL writer, checkpointer, background writer) whose work its writes cause.
 * Backends of other databases are left out: on a shared machine other test suites use this
 * PostgreSQL too. A backend's title names its database and ends in the client's address.
 */
function postgresOf(databaseUrl: string): (cmd: string) => boolean {
  const database = ` ${new URL(databaseUrl).pathname.slice(1)} `;
  return (cmd) => cmd.startsWith('postgres') && (cmd.includes(database) || !/\(\d+\)|\[local\]/.test(cmd));
}

/** A system under test: how to make its filing stream, and which processes are its CPU. */
interface System {
  filing: (rate: number) => Stream;
  server: (cmd: string, pid: string) => boolean;
  postgres: (cmd: string) => boolean;
}

/** A checkpoint before each round, so one round's WAL is not written out during the next one's. */
async function checkpoint(): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query('checkpoint');
  await admin.end();
}

/**
 * Adds `count` cases in one statement: mostly closed history, one in a thousand each received,
 * awaiting handover and accepted, spread over the county's municipalities, received a minute apart
 * going back from now (so older than the reports filed in the run).
 */
async function fillCases(client: pg.Client, count: number): Promise<void> {
  await client.query(
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
    [count],
  );
  await client.query('analyze cases');
}

/** The bare insert server on a fresh database of its own, until stopped. */
async function startBare(): Promise<{ origin: string; databaseUrl: string; pid: number; stop: () => Promise<void> }> {
  const db = await createTestDatabase();
  await db.database.close();
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/bare-insert-server.ts'], {
    env: { ...process.env, DATABASE_URL: db.url!, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await once(child.stdout!, 'data');
  return {
    origin: `http://127.0.0.1:${port}`,
    databaseUrl: db.url!,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
      await db.drop();
    },
  };
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
const summary = (t: Tally) => {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  return { ...latencyOf(sorted), max: sorted.at(-1) ?? 0, achieved: t.ok / Math.max(t.seconds, 1e-9) };
};
/** Non-2xx statuses and their counts, e.g. "503×4", to tell what the errors were. */
const errorsText = (t: Tally) =>
  `${t.errors}${t.errors ? ` (${Object.entries(t.statuses).filter(([s]) => !s.startsWith('2')).map(([s, n]) => `${s}×${n}`).join(', ')})` : ''}`;

const server = await startServer({ LOG_LEVEL: 'warn' });
const bare = await startBare();
const generator = await startLoadGenerator();
try {
  const officers = (await policeSessions(server.url)).map((s) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf }));
  const envagin: System = {
    filing: (rate) => ({ name: 'filing', rate, method: 'POST', origin: server.url, paths: ['/api/v1/cases'], headers: officers, bodies: 'reports', idempotencyKeys: true }),
    server: (_cmd, pid) => pid === String(server.child.pid),
    postgres: postgresOf(server.databaseUrl!),
  };
  const baseline: System = {
    filing: (rate) => ({ name: 'bare', rate, method: 'POST', origin: bare.origin, paths: ['/insert'], headers: [{}], bodies: 'reports' }),
    server: (_cmd, pid) => pid === String(bare.pid),
    postgres: postgresOf(bare.databaseUrl),
  };
  const systems = [envagin, baseline];

  // 1. Filing. Each system warmed up first (JIT, pools, sockets), then at each rate the two take
  // turns round after round, the order flipping each round, so a change in the machine's load
  // during the run falls on both alike.
  for (const s of systems) await generator.run({ seconds: WARMUP, streams: [s.filing(RATES[0] ?? 100)] });
  const filing = RATES.map((rate) => ({ rate, tallies: systems.map(() => tally()), busy: null as number | null }));
  const sender = { cpuSeconds: 0, requests: 0, lagP99: 0, lagMax: 0 };
  for (const row of filing) {
    const busy = machineBusy();
    for (let round = 0; round < ROUNDS; round++) {
      for (const k of round % 2 ? [1, 0] : [0, 1]) {
        const s = systems[k]!;
        const t = row.tallies[k]!;
        await checkpoint();
        const s0 = processCpu(s.server);
        const p0 = processCpu(s.postgres);
        const r = await generator.run({ seconds: SECONDS, streams: [s.filing(row.rate)] });
        t.server += processCpuSince(s0, s.server);
        t.postgres += processCpuSince(p0, s.postgres);
        add(t, r.streams[0]!);
        sender.cpuSeconds += r.generatorCpu;
        sender.requests += r.streams[0]!.sent;
        sender.lagP99 = Math.max(sender.lagP99, r.sendLag.p99);
        sender.lagMax = Math.max(sender.lagMax, r.sendLag.max);
      }
    }
    row.busy = busy();
  }

  // 2. Reads under filing load, on the cases filed above (all unclaimed: the hub queue holds them
  // all) and those of --fill. The case pages read are of filed reports.
  const admin = new pg.Client({ connectionString: server.databaseUrl! });
  await admin.connect();
  const ids = (await admin.query<{ id: string }>('select id from cases order by random() limit 1000')).rows.map((r) => r.id);
  if (FILL > 0) await fillCases(admin, FILL);
  const caseCount = Number((await admin.query<{ n: string }>('select count(*) as n from cases')).rows[0]!.n);
  await admin.end();
  // Logged in now, not at the start, so the session has not gone idle during the filing rounds.
  const hubHeaders = [{ cookie: (await login(server.url, 'hub')).cookie }];
  const reads = READ_UNDER.map((filingRate) => ({ filingRate, queue: tally(), page: tally(), filed: tally(), busy: null as number | null }));
  for (const row of reads) {
    const busy = machineBusy();
    for (let round = 0; round < ROUNDS; round++) {
      const streams: Stream[] = [
        { name: 'queue', rate: READ_RATE, method: 'GET', origin: server.url, paths: ['/api/v1/cases?status=open&limit=50'], headers: hubHeaders },
        { name: 'page', rate: READ_RATE, method: 'GET', origin: server.url, paths: ids.map((id) => `/api/v1/cases/${id}`), headers: hubHeaders },
      ];
      if (row.filingRate > 0) streams.push(envagin.filing(row.filingRate));
      const r = await generator.run({ seconds: SECONDS, streams });
      add(row.queue, r.streams[0]!);
      add(row.page, r.streams[1]!);
      if (r.streams[2]) add(row.filed, r.streams[2]);
    }
    row.busy = busy();
  }

  // The tables.
  const perReport = (t: Tally) => ({ server: (t.server * 1000) / Math.max(1, t.ok), postgres: (t.postgres * 1000) / Math.max(1, t.ok) });
  const cpuText = (c: { server: number; postgres: number }) => `${c.server.toFixed(2)} + ${c.postgres.toFixed(2)} = ${(c.server + c.postgres).toFixed(2)}`;
  const filingRows = filing.map(({ rate, tallies: [e, b], busy }) => {
    const [se, sb] = [summary(e!), summary(b!)];
    const [ce, cb] = [perReport(e!), perReport(b!)];
    const p99Ratio = se.p99 / sb.p99;
    const cpuRatio = (ce.server + ce.postgres) / (cb.server + cb.postgres);
    // Within 1 %: a round that keeps up falls short of the offered rate by its last answer's latency.
    const keptUp = (s: { achieved: number }, t: Tally) => s.achieved >= 0.99 * rate && t.errors === 0;
    const met = keptUp(se, e!) && keptUp(sb, b!) && se.p99 < 50 && p99Ratio <= 4 && cpuRatio <= 4;
    return (
      `| ${rate}/s | ${se.achieved.toFixed(0)} / ${sb.achieved.toFixed(0)} | ${errorsText(e!)} / ${errorsText(b!)} | ${fmt(se.p50)} / ${fmt(sb.p50)} | ` +
      `${fmt(se.p99)} / ${fmt(sb.p99)} | ${fmt(se.max)} / ${fmt(sb.max)} | ${p99Ratio.toFixed(1)}× | ${cpuText(ce)} | ${cpuText(cb)} | ${cpuRatio.toFixed(1)}× | ${met ? 'yes' : '**no**'} | ${busyText(busy)} |`
    );
  });
  const readRow = (label: string, filingRate: number, t: Tally, busy: number | null) => {
    const s = summary(t);
    return `| ${label} | ${filingRate ? `${filingRate}/s` : 'none'} | ${s.achieved.toFixed(0)} | ${errorsText(t)} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(s.max)} | ${busyText(busy)} |`;
  };
  process.stdout.write(
    [
      `### Filing, open loop (${ROUNDS} rounds of ${SECONDS} s per system and rate, envagin and bare taking turns)`,
      '',
      'Targets: achieved = offered with 0 errors; envagin p99 < 50 ms and ≤ 4× the bare p99; CPU per report (server + PostgreSQL) ≤ 4× the bare’s.',
      '',
      '| offered | achieved/s envagin / bare | errors envagin / bare | p50 ms envagin / bare | p99 ms envagin / bare | max ms envagin / bare | p99 ratio (≤ 4×) | CPU ms per report, envagin: server + PostgreSQL | bare: server + PostgreSQL | CPU ratio (≤ 4×) | targets met | machine busy |',
      '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|',
      ...filingRows,
      '',
      `The load generator (a process of its own) used ${((sender.cpuSeconds * 1000) / Math.max(1, sender.requests)).toFixed(2)} ms of CPU per request and sent each request at most ${fmt(sender.lagMax)} ms after it was due (the worst round's p99 ${fmt(sender.lagP99)} ms), included in the latencies; "machine busy" is all processes on all cores over the rate's rounds.`,
      '',
      `### Reads under filing load (${READ_RATE}/s each read, ${ROUNDS} rounds of ${SECONDS} s per filing rate; ${(caseCount - FILL).toLocaleString('en')} unclaimed reports filed in this run${FILL ? ` and ${FILL.toLocaleString('en')} cases of --fill` : ''} in the database when the reads began)`,
      '',
      '| read (as `hub`) | filing at the same time | achieved/s | errors | p50 ms | p99 ms | max ms | machine busy |',
      '|---|---:|---:|---|---:|---:|---:|---:|',
      ...reads.flatMap((r) => [
        readRow('hub queue: GET /api/v1/cases?status=open&limit=50', r.filingRate, r.queue, r.busy),
        readRow('case page: GET /api/v1/cases/:id', r.filingRate, r.page, r.busy),
      ]),
      '',
      ...reads
        .filter((r) => r.filingRate > 0)
        .map((r) => {
          const s = summary(r.filed);
          return `Filing during the reads at ${r.filingRate}/s: achieved ${s.achieved.toFixed(0)}/s, errors ${errorsText(r.filed)}, p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms, max ${fmt(s.max)} ms.`;
        }),
      '',
    ].join('\n'),
  );
} finally {
  await generator.stop();
  await bare.stop();
  await server.stop();
}
