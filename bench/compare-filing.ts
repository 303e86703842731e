// Two versions of envagin filing reports side by side: the checkout in COMPARE_WITH (say, a
// `git worktree` of main) against this one, each on its own fresh database, the load switching
// between them every few seconds, many times. A change worth a few percent is smaller than how
// much this shared machine drifts from one minute to the next (runs of the same code a minute
// apart differed by up to a fifth); taking turns in short slices puts the drift on both alike.
// A/A runs (COMPARE_WITH pointing at this checkout) show the method's own noise: on 2026-11-30,
// four gave 0.995–1.023 in throughput and 0.967–0.995 in CPU per report; repeat a comparison
// before trusting a difference of a few percent.
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test COMPARE_WITH=/tmp/main node --import tsx bench/compare-filing.ts
// Options: BENCH_CONCURRENCY (64), BENCH_ROUNDS (20), BENCH_SLICE_SECONDS (3), and NODE_ARGS_BEFORE /
// NODE_ARGS_AFTER to compare Node or V8 options instead of code.
import { processCpu, processCpuSince } from './support/cpu.ts';
import { policeFiler, reportBodies } from './support/filing.ts';
import { latencyOf, runLoad } from './support/load.ts';
import { startServer, type RunningServer } from '../test/support/server.ts';

if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to the PostgreSQL server to measure');
if (!process.env.COMPARE_WITH) throw new Error('set COMPARE_WITH to the other checkout (e.g. git worktree add /tmp/main main)');
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const SLICE_SECONDS = Number(process.env.BENCH_SLICE_SECONDS ?? 3);
const args = (value: string | undefined) => (value ?? '').split(' ').filter(Boolean);

interface Side {
  name: string;
  server: RunningServer;
  send: () => Promise<Response>;
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  serverCpu: number;
  postgresCpu: number;
}

const bodies = reportBodies();
async function side(name: string, root: string | undefined, nodeArgs: string[]): Promise<Side> {
  // Each on a fresh database of its own, which `stop` drops.
  const server = await startServer({ LOG_LEVEL: 'warn' }, { root, nodeArgs });
  const { send } = await policeFiler(server.url, bodies);
  return { name, server, send, requests: 0, errors: 0, seconds: 0, latencies: [], serverCpu: 0, postgresCpu: 0 };
}

const isPostgres = (cmd: string) => cmd.startsWith('postgres');
const sides = [await side('before', process.env.COMPARE_WITH, args(process.env.NODE_ARGS_BEFORE)), await side('after', undefined, args(process.env.NODE_ARGS_AFTER))];
try {
  for (const s of sides) await runLoad({ seconds: 5, concurrency: CONCURRENCY, send: s.send });
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of round % 2 ? sides : [...sides].reverse()) {
      const isServer = (_cmd: string, pid: string) => pid === String(s.server.child.pid);
      const s0 = processCpu(isServer);
      const p0 = processCpu(isPostgres);
      const r = await runLoad({ seconds: SLICE_SECONDS, concurrency: CONCURRENCY, send: s.send });
      s.serverCpu += processCpuSince(s0, isServer);
      s.postgresCpu += processCpuSince(p0, isPostgres);
      s.requests += r.requests;
      s.errors += r.errors;
      s.seconds += r.requests / Math.max(r.perSecond, 1e-9);
      s.latencies.push(...r.latencies);
    }
  }
} finally {
  for (const s of sides) await s.server.stop();
}

const perSecond = (s: Side) => s.requests / Math.max(s.seconds, 1e-9);
const cpuPerReport = (s: Side) => ((s.serverCpu + s.postgresCpu) * 1000) / Math.max(1, s.requests);
const lines = sides.map((s) => {
  const { p99 } = latencyOf(s.latencies);
  return `| ${s.name} | ${perSecond(s).toFixed(0)}/s | ${p99.toFixed(1)} ms | ${s.errors} | ${((s.serverCpu * 1000) / s.requests).toFixed(3)} / ${((s.postgresCpu * 1000) / s.requests).toFixed(3)} |`;
});
const [before, after] = sides as [Side, Side];
if (before.errors + after.errors > 0) process.exitCode = 1;
process.stdout.write(
  [
    `${CONCURRENCY} clients, ${ROUNDS} rounds of ${SLICE_SECONDS} s each, taking turns`,
    '',
    '| version | reports/s | p99 | errors | CPU ms per report: server / PostgreSQL |',
    '|---|---:|---:|---:|---|',
    ...lines,
    '',
    `after / before: throughput ${(perSecond(after) / perSecond(before)).toFixed(3)}, CPU per report ${(cpuPerReport(after) / cpuPerReport(before)).toFixed(3)}`,
    '',
  ].join('\n'),
);
