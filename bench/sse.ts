// Benchmark (issue 6): live events to many hub screens. 200 SSE clients (GET /api/v1/events with
// a `hub` session) on the real server (`envagin serve`, PostgreSQL); `polis` files reports one at
// a time at a steady rate; latency = from the POST being sent to each client reading the matching
// 'case.reported' event (matched on the case number), over every (client, report) pair. The path
// measured: POST → case + outbox rows commit (with NOTIFY envagin_jobs) → engine wakes → marks the
// SSE rows sent (pg_notify envagin_events) → the instance's SSE hub writes to its clients.
// Baseline, same run, same 200 clients and rate: a bare Node http SSE server that writes the
// event to every client as soon as a POST tells it to (bench/support/bare-sse-server.ts).
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/sse.ts
// Knobs (environment): BENCH_CLIENTS (200), BENCH_RATE reports/s (5), BENCH_SECONDS (60);
// ENGINE_POLL_MS, ENGINE_BATCH_SIZE, DATABASE_POOL_SIZE are passed on to the server when set.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { validReport } from '../src/test/reports.ts';
import { freePort, startServer } from '../test/support/server.ts';
import { busyText, machineBusy } from './support/cpu.ts';
import { latencyOf } from './support/load.ts';
import { connectSseClients, deliveryStats, type DeliveryStats } from './support/sse-clients.ts';

if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to the PostgreSQL server to measure');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const REPORTS = Math.round(RATE * SECONDS);
const TOPIC = 'case.reported';
const passOn = Object.fromEntries(
  ['ENGINE_POLL_MS', 'ENGINE_BATCH_SIZE', 'DATABASE_POOL_SIZE'].flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])),
);
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunResult {
  /** Whole-machine CPU busy % during the timed part. */
  busy: number | null;
  delivery: DeliveryStats;
  post: { p50: number; p99: number };
}

/** Sends REPORTS requests at RATE per second (next one at its slot, or at once if behind). */
async function steady(send: (i: number) => Promise<{ key: string; sentAt: number }>): Promise<{ sent: Map<string, number>; postMs: number[] }> {
  const sent = new Map<string, number>();
  const postMs: number[] = [];
  const start = performance.now();
  for (let i = 0; i < REPORTS; i++) {
    const wait = start + (i * 1000) / RATE - performance.now();
    if (wait > 0) await sleep(wait);
    const { key, sentAt } = await send(i);
    postMs.push(performance.now() - sentAt);
    sent.set(key, sentAt);
  }
  return { sent, postMs };
}

async function waitForAll(sent: Map<string, number>, received: Map<string, number>[], limitMs: number): Promise<void> {
  const until = performance.now() + limitMs;
  while (performance.now() < until) {
    if (received.every((seen) => seen.size >= sent.size && [...sent.keys()].every((k) => seen.has(k)))) return;
    await sleep(200);
  }
}

async function baseline(): Promise<RunResult> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/bare-sse-server.ts'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout!, 'data');
  const base = `http://127.0.0.1:${port}`;
  const clients = await connectSseClients({ url: `${base}/events`, count: CLIENTS, topic: TOPIC });
  try {
    const body = (n: string) => JSON.stringify({ topic: TOPIC, caseNumber: n, text: `AKUT: nytt ärende ${n} har kommit in från polisen och väntar på att tas.`, link: '/arenden/3f2b8c1e-1234-4abc-8def-123456789012' });
    for (let i = 0; i < 5; i++) await fetch(`${base}/broadcast`, { method: 'POST', body: body(`WARM-${i}`) }).then((r) => r.arrayBuffer());
    const busy = machineBusy();
    const { sent, postMs } = await steady(async (i) => {
      const key = `ENV-2026-${String(i + 1).padStart(6, '0')}`;
      const sentAt = performance.now();
      const res = await fetch(`${base}/broadcast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(key) });
      await res.arrayBuffer();
      return { key, sentAt };
    });
    await waitForAll(sent, clients.received, 10_000);
    return { busy: busy(), delivery: deliveryStats(sent, clients), post: latencyOf(postMs) };
  } finally {
    clients.close();
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

async function login(url: string, username: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'envagin-demo' }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

async function envagin(): Promise<RunResult> {
  const server = await startServer({ LOG_LEVEL: 'warn', ...passOn });
  try {
    const polis = await login(server.url, 'polis');
    const hub = await login(server.url, 'hub');
    const clients = await connectSseClients({ url: `${server.url}/api/v1/events`, count: CLIENTS, headers: { cookie: hub.cookie }, topic: TOPIC });
    try {
      const report = JSON.stringify(validReport());
      const file = async (key: string) => {
        const sentAt = performance.now();
        const res = await fetch(`${server.url}/api/v1/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': key },
          body: report,
        });
        const json = (await res.json()) as { number?: string };
        if (res.status !== 201 || !json.number) throw new Error(`POST /api/v1/cases: ${res.status} ${JSON.stringify(json)}`);
        return { key: json.number, sentAt };
      };
      // Warm-up (JIT, pools, directory cache); not counted.
      for (let i = 0; i < 10; i++) await file(`bench-sse-warm-${process.pid}-${i}`);
      await sleep(2000);
      const busy = machineBusy();
      const { sent, postMs } = await steady((i) => file(`bench-sse-${process.pid}-${i}`));
      await waitForAll(sent, clients.received, 10_000);
      return { busy: busy(), delivery: deliveryStats(sent, clients), post: latencyOf(postMs) };
    } finally {
      clients.close();
    }
  } finally {
    await server.stop();
  }
}

const load0 = loadavg()[0]!;
log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const base = await baseline();
log(`baseline: ${JSON.stringify(base)}`);
const env = await envagin();
log(`envagin: ${JSON.stringify(env)}`);
const load1 = loadavg()[0]!;
log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

const ms = (v: number) => (v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`);
const row = (name: string, r: RunResult) =>
  `| ${name} | ${r.delivery.pairs.toLocaleString('en')} | ${r.delivery.missing} | ${ms(r.delivery.p50)} | ${ms(r.delivery.p99)} | ${ms(r.delivery.max)} | ${ms(r.post.p50)} | ${busyText(r.busy)} |`;
const settings = Object.keys(passOn).length ? Object.entries(passOn).map(([k, v]) => `${k}=${v}`).join(', ') : 'defaults (ENGINE_POLL_MS 1000, ENGINE_BATCH_SIZE 200)';
process.stdout.write(
  [
    `${CLIENTS} SSE clients (one \`hub\` session), ${REPORTS} reports filed by \`polis\` at ${RATE}/s for ${SECONDS} s; server settings: ${settings}; 1-min load average ${load0.toFixed(1)} before, ${load1.toFixed(1)} after.`,
    '',
    '| measurement | (client, report) pairs | missed | p50 | p99 | max | p50 of the POST itself | machine CPU busy (2 cores, all processes) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    row('baseline: bare Node http SSE server, broadcast on POST', base),
    row('envagin: POST /api/v1/cases → case.reported on GET /api/v1/events', env),
    '',
    `Ratio envagin / baseline: p50 **${(env.delivery.p50 / base.delivery.p50).toFixed(1)}×**, p99 **${(env.delivery.p99 / base.delivery.p99).toFixed(1)}×**. Issue #6 asks p99 < 1 s with 200 clients.`,
    '',
  ].join('\n'),
);
