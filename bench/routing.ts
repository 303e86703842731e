// Benchmark: one routing decision from a warm directory, and the coverage check for all 26
// municipalities over 365 days. Each is reported as an absolute time and as a ratio against a
// baseline measured in the same run, so machines of different speed can be compared:
//  - routing vs. one Intl conversion of an instant to Stockholm wall time (the elementary step
//    every calendar rule needs);
//  - coverage vs. one calendar's open intervals over the same 365 days.
// Run: node --import tsx bench/routing.ts   (prints a Markdown table for docs/BENCHMARKS.md)
import { openIntervals } from '../src/domain/calendar.ts';
import { findCoverageGaps } from '../src/domain/coverage.ts';
import { demoDirectory } from '../src/domain/demo-directory.ts';
import { decideRouting } from '../src/domain/routing.ts';

const dir = demoDirectory();
const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const START = Date.UTC(2026, 0, 1);
const residences = ['0182', '0180', '0184', '0380', 'unknown', '0127'];

function measure(label: string, iterations: number, fn: (i: number) => unknown): { label: string; perOpUs: number } {
  for (let i = 0; i < Math.min(iterations, 1000); i++) fn(i); // warm up JIT and caches
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn(i);
    runs.push(Number(process.hrtime.bigint() - t0) / 1000 / iterations);
  }
  runs.sort((a, b) => a - b);
  return { label, perOpUs: runs[2]! }; // median of five
}

// Spread instants over a year at 7-minute steps so holidays, nights and DST are all visited.
const at = (i: number) => new Date(START + (i % 75_000) * 7 * 60_000);

const baseRouting = measure('baseline: Intl Stockholm wall time of an instant', 200_000, (i) => fmt.formatToParts(at(i)));
const routing = measure('routing decision (warm directory)', 200_000, (i) =>
  decideRouting(dir, { residence: residences[i % residences.length]!, found: i % 3 === 0 ? '0180' : '0182', age: 15, receivedAt: at(i) }),
);
const unit = dir.intakeUnits[0]!;
const baseCoverage = measure('baseline: one calendar, open intervals over 365 days', 20, () => openIntervals(unit.hours, '2026-01-01', 365));
const coverage = measure('coverage: 26 municipalities × 365 days', 20, () => findCoverageGaps(dir, '2026-01-01', 365));

const rows = [
  [routing, baseRouting],
  [coverage, baseCoverage],
] as const;
process.stdout.write('| measurement | time per operation | baseline (same run) | ratio |\n');
process.stdout.write('|---|---:|---:|---:|\n');
for (const [m, b] of rows) {
  const show = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(1)} ms` : `${us.toFixed(2)} µs`);
  process.stdout.write(`| ${m.label} | ${show(m.perOpUs)} | ${show(b.perOpUs)} (${b.label.replace('baseline: ', '')}) | ${(m.perOpUs / b.perOpUs).toFixed(1)}× |\n`);
}
