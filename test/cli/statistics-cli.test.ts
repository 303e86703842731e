// `envagin stats`, run as an operator would, against a real database (PostgreSQL when
// DATABASE_URL is set, otherwise a PGlite data directory): the dozen hand-computed cases of
// src/domain/statistics-fixture.ts give the same figures as through HTTP, as CSV, JSON and XLSX; bad
// input is a usage error (exit 2) naming the option. `envagin migrate` reports the facts backfill.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { openDatabase } from '../../src/db/client.ts';
import { caseFacts } from '../../src/db/schema.ts';
import { fixtureFacts } from '../../src/domain/statistics-fixture.ts';
import { runCli } from '../support/cli.ts';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database.ts';

let env: Record<string, string>;
let fresh: FreshDatabase;

before(async () => {
  fresh = await freshDatabase('envagin-stats-cli-');
  env = fresh.env;
  const migrated = runCli(['migrate'], env);
  assert.equal(migrated.status, 0, migrated.stderr);
  assert.match(migrated.stdout, /statistics facts written for 0 cases that had none/);
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.DATA_DIR ?? null });
  try {
    await database.db.insert(caseFacts).values(
      fixtureFacts().map((f) => ({
        caseId: randomUUID(),
        status: 'closed',
        ...f,
        publicHoliday: false,
        eve: false,
        dayBeforeHoliday: false,
        residenceCode: f.municipalityCode,
        foundCode: '0180',
        responsibleCode: f.municipalityCode,
        ageBand: '15-17',
        ageEstimated: false,
        urgency: 'acute',
        gangRiskTypes: [],
      })),
    );
  } finally {
    await database.close();
  }
});
after(async () => {
  await fresh.drop();
});

test('CSV by default, with the suppressed cells', () => {
  const r = runCli(['stats', '--from', '2026-01', '--to', '2026-03', '--municipality', '0182'], env);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
  for (const line of ['scope;measure;key;value', 'county;total;;10', 'county;byMonth;2026-02;5', 'county;byMonth;2026-03;<5', '0182;total;;5', 'county;duration.report_to_claim.p90_minutes;;55']) {
    assert.ok(lines.includes(line), `missing ${line}`);
  }
});

test('JSON with the same figures as the API', () => {
  const r = runCli(['stats', '--from', '2026-01', '--to', '2026-03', '--hours', 'office', '--format', 'json'], env);
  assert.equal(r.status, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.equal(body.county.total.display, '10');
  assert.equal(body.municipality, null);
});

test('XLSX on standard output: the same figures, read back', async () => {
  const r = spawnSync(process.execPath, ['bin/envagin.mjs', 'stats', '--from', '2026-01', '--to', '2026-03', '--format', 'xlsx'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ENVAGIN_SOURCE: '1', ...env },
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr.toString());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.stdout as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.getWorksheet('Statistik')!.eachRow((row) => rows.push([1, 2, 3, 4].map((c) => row.getCell(c).value)));
  assert.deepEqual(rows[1], ['län', 'total', null, 10]);
  assert.ok(rows.some((x) => x[1] === 'byMonth' && x[2] === '2026-03' && x[3] === '<5'));
  assert.ok(rows.some((x) => x[1] === 'duration.report_to_claim.p90_minutes' && x[3] === 55));
});

test('bad input is a usage error naming the option', () => {
  const r = runCli(['stats', '--from', '2026-03', '--to', '2026-01'], env);
  assert.equal(r.status, 2, r.stdout);
  assert.match(r.stderr, /--to: Perioden måste sluta efter att den börjar/);
  assert.equal(runCli(['stats', '--from', '2026-01', '--to', '2026-02', '--format', 'xml'], env).status, 2);
});
