// A simulated year (issue 19): the real application and engine on the injected clock through all
// of 2027 (DST in March and October, Easter, midsommarafton, jul and nyår), about 30 reports a
// day, people who answer late or never. Prints the summary for docs/BENCHMARKS.md and exits 1 if
// any rule was broken. The checks and the people: src/test/simulation/year.ts.
// Run: node --import tsx bench/simulate-year.ts [--seed 2027] [--from 2027-01-01T00:00:00+01:00] [--to 2028-01-01T00:00:00+01:00]
//      (on PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test …)
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { simulate } from '../src/test/simulation/year.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2027' },
    from: { type: 'string', default: '2027-01-01T00:00:00+01:00' },
    to: { type: 'string', default: '2028-01-01T00:00:00+01:00' },
    'per-day': { type: 'string', default: '30' },
    /** Stop after this many seconds of wall time and summarise what was simulated (0: no limit). */
    'wall-limit': { type: 'string', default: '0' },
  },
});

// SIGINT or SIGTERM ends the run at the next event with the summary of what was simulated.
let stop = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void (stop = true));

const summary = await simulate({
  stopRequested: () => stop,
  from: new Date(values.from),
  to: new Date(values.to),
  seed: Number(values.seed),
  reportsPerDay: Number(values['per-day']),
  wallLimitSeconds: Number(values['wall-limit']),
  // The machine may be shared: each progress line says how busy it was (1-minute load average).
  progress: (line) => process.stderr.write(`${line}, load ${loadavg()[0]!.toFixed(1)}\n`),
});
const cpu = process.cpuUsage();
// This process's CPU (the server code, the engine and the simulation), not PostgreSQL's.
process.stdout.write(`${JSON.stringify({ ...summary, nodeCpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10, loadAtEnd: loadavg().map((x) => Math.round(x * 10) / 10) }, null, 2)}\n`);
process.exit(summary.violations.length === 0 && summary.completed ? 0 : 1);
