// Benchmark: GET /api/v1/routing/decision through the full HTTP stack (session lookup, zod
// validation, directory revision check, pure decision, serialisation) against the database in
// DATABASE_URL (or PGlite), as a ratio to GET /health measured in the same run (the stack with
// no work). Uses app.inject, so the numbers exclude the network.
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/routing-http.ts
import { buildTestApp, logInAs } from '../src/test/app.ts';

const t = await buildTestApp();
const hub = await logInAs(t.app, 'hub');
const N = 3000;

async function measure(fn: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(N * 0.5)]!, p99: times[Math.floor(N * 0.99)]! };
}

const health = await measure(() => t.app.inject({ method: 'GET', url: '/health' }));
const decision = await measure(() =>
  hub.request('GET', `/api/v1/routing/decision?residence=0182&found=0180&age=15&at=${encodeURIComponent('2026-06-19T23:00:00+02:00')}`),
);
await t.close();
const db = process.env.DATABASE_URL ? 'PostgreSQL 15 (local)' : 'PGlite';
process.stdout.write('| measurement | p50 | p99 | p50 ratio to baseline |\n|---|---:|---:|---:|\n');
process.stdout.write(`| baseline: GET /health | ${health.p50.toFixed(3)} ms | ${health.p99.toFixed(3)} ms | 1.0× |\n`);
process.stdout.write(`| GET /api/v1/routing/decision, ${db} | ${decision.p50.toFixed(3)} ms | ${decision.p99.toFixed(3)} ms | ${(decision.p50 / health.p50).toFixed(1)}× |\n`);
