// Prints the score per file from a Stryker JSON report (mutation-testing-report-schema), and with
// --survivors every surviving mutant as file:line mutator → replacement, for docs/BENCHMARKS.md.
//
//   node bench/mutation/summarize.mjs [reports/mutation/mutation.json ...] [--survivors]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const out = [];
const print = (line) => out.push(line);
const showSurvivors = args.includes('--survivors');
const paths = args.filter((a) => !a.startsWith('--'));
const files = new Map();
for (const p of paths.length ? paths : ['reports/mutation/mutation.json']) {
  const report = JSON.parse(readFileSync(p, 'utf8'));
  for (const [name, f] of Object.entries(report.files)) files.set(name, f);
}

const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const rows = [];
const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };
for (const [name, f] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const c = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };
  for (const m of f.mutants) {
    if (m.status === 'Killed') c.killed++;
    else if (m.status === 'Timeout') c.timeout++;
    else if (m.status === 'Survived') c.survived++;
    else if (m.status === 'NoCoverage') c.noCoverage++;
    else if (m.status === 'Ignored') c.ignored++;
    else c.errors++;
  }
  for (const k of Object.keys(total)) total[k] += c[k];
  rows.push([name, c]);
}
const score = (c) => {
  const valid = c.killed + c.timeout + c.survived + c.noCoverage;
  return valid === 0 ? 'n/a' : `${((100 * (c.killed + c.timeout)) / valid).toFixed(1)} %`;
};
print('| file | score | killed | timeout | survived | no coverage | ignored | mutants |');
print('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const [name, c] of [...rows, ['**total**', total]]) {
  const n = c.killed + c.timeout + c.survived + c.noCoverage + c.ignored + c.errors;
  print(`| ${name} | ${score(c)} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${c.ignored} | ${n} |`);
}
if (showSurvivors) {
  print('');
  for (const [name, f] of files) {
    const lines = f.source.split('\n');
    for (const m of f.mutants.filter((x) => UNDETECTED.has(x.status)).sort((a, b) => a.location.start.line - b.location.start.line)) {
      const l = m.location.start.line;
      print(`${name}:${l}:${m.location.start.column} ${m.status} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '').slice(0, 140)}\n    ${lines[l - 1]?.trim().slice(0, 160)}`);
    }
  }
}
process.stdout.write(`${out.join('\n')}\n`);
