// The statistics through HTTP: the dozen hand-computed cases of src/domain/statistics.test.ts,
// stored as fact rows, give the exact expected figures; who sees what; nothing personal comes
// out; every read is audited; gallring changes no figure.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, caseFacts } from '../../db/schema.ts';
import { fixtureFacts } from '../../domain/statistics-fixture.ts';
import type { StatFact } from '../../domain/statistics-measures.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { TEST_CHILD_NAME, testPersonnummer, validReport } from '../../test/reports.ts';
import { purgeAllPersonalData } from '../retention/purge-personal-data.ts';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellValue } from './statistics-xlsx.ts';
import { randomUUID } from 'node:crypto';

let now = new Date('2026-04-30T12:00:00+02:00');
let t: TestApp;
const as: Record<string, AsUser> = {};

before(async () => {
  t = await buildTestApp({}, () => now);
  for (const name of ['polis', 'hub', 'nacka', 'solna', 'analytiker']) as[name] = await logInAs(t.app, name);
  await t.testDb.database.db.insert(caseFacts).values(fixtureFacts().map(asFactRow));
});
after(() => t.close());

/** A fact row for a StatFact: the columns the measures do not read get plain values. */
function asFactRow(f: StatFact) {
  return {
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
    gangRiskTypes: ['recruited'],
    basis: 'agreement',
  };
}

/** The PDF's pages and text, read back with poppler's pdfinfo and pdftotext. */
function readPdf(pdf: Buffer): { pages: number; text: string; pageTexts: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'envagin-pdf-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.equal(info.status, 0, info.stderr);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.equal(text.status, 0, text.stderr);
    return { pages: Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]), text: text.stdout, pageTexts: text.stdout.split('\f') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pdfOf = (who: string, query: string) => t.app.inject({ method: 'GET', url: `/api/v1/statistics/report.pdf?${query}`, headers: { cookie: as[who]!.cookie } });

const stats = (who: string, query: string) => as[who]!.request('GET', `/api/v1/statistics?${query}`);
const rowsOf = (t: { rows: { key: string; count: { display: string } }[] }) => Object.fromEntries(t.rows.map((r) => [r.key, r.count.display]));

describe('the dozen hand-computed cases, through HTTP', () => {
  test('the analyst gets the county with exact counts, durations and suppressed cells', async () => {
    const res = await stats('analytiker', 'from=2026-01&to=2026-03');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.municipality, null);
    const c = body.county;
    // Counts rounded to 5 (src/domain/statistics-suppression.ts): 12 reads 10, 7 reads 5, 8 reads 10.
    assert.equal(c.total.display, '10');
    assert.deepEqual(rowsOf(c.byMonth), { '2026-01': '5', '2026-02': '5', '2026-03': '<5' });
    assert.deepEqual(rowsOf(c.byOfficeHours), { office: '10', jour: '<5' });
    assert.equal(rowsOf(c.byMunicipality)['0182'], '5');
    assert.equal(rowsOf(c.byMunicipality)['0180'], '<5');
    assert.equal(rowsOf(c.byMunicipality)['0114'], '0', 'every county municipality is listed');
    assert.deepEqual(c.durations.report_to_claim, { n: { value: 10, display: '10' }, median: 32.5, p90: 55, max: 60 });
    assert.deepEqual(c.durations.claim_to_decision, { n: { value: 10, display: '10' }, median: 65, p90: 110, max: 120 });
    assert.deepEqual(c.durations.report_to_kvittens, { n: { value: null, display: '<5' }, median: null, p90: null, max: null });
    assert.deepEqual(c.feedbackWithin14Days, { numerator: { value: 5, display: '5' }, denominator: { value: 10, display: '10' }, share: null });
    assert.equal(c.clocks.find((k: { clock: string }) => k.clock === 'claim').breachRate, 0.5, '5 of 12 published as 5 of 10');
  });

  test('filtered to office hours or jour time', async () => {
    const office = (await stats('analytiker', 'from=2026-01&to=2026-03&hours=office')).json().county;
    assert.equal(office.total.display, '10');
    assert.deepEqual(rowsOf(office.byOfficeHours), { office: '10', jour: '0' });
    const jour = (await stats('analytiker', 'from=2026-01&to=2026-03&hours=jour')).json().county;
    assert.equal(jour.total.display, '<5');
  });

  test('an analyst may pick a municipality to see beside the county', async () => {
    const body = (await stats('analytiker', 'from=2026-01&to=2026-03&municipality=0182')).json();
    assert.equal(body.municipality.code, '0182');
    assert.equal(body.municipality.name, 'Nacka');
    assert.equal(body.municipality.report.total.display, '5');
    assert.equal(body.county.total.display, '10');
  });

  test('a municipality manager sees its own municipality beside the county, and no other', async () => {
    const own = await stats('solna', 'from=2026-01&to=2026-03');
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.json().municipality.code, '0184');
    assert.equal(own.json().municipality.report.total.display, '0');
    assert.equal(own.json().county.total.display, '10');
    const other = await stats('solna', 'from=2026-01&to=2026-03&municipality=0182');
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().code, 'FORBIDDEN');
  });

  test('case workers and the police get no statistics', async () => {
    for (const who of ['polis', 'hub', 'nacka']) assert.equal((await stats(who, 'from=2026-01&to=2026-03')).statusCode, 403, who);
  });

  test('bad periods are a clear 400', async () => {
    for (const q of ['from=2026-03&to=2026-01', 'from=2026-13&to=2026-12', 'from=2026-01-01&to=2026-02', 'from=2020-01&to=2026-01', 'to=2026-01', 'from=2026-01&to=2026-02&hours=night', 'from=2026-01&to=2026-02&municipality=Nacka']) {
      const res = await stats('analytiker', q);
      assert.equal(res.statusCode, 400, `${q}: ${res.body}`);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
    }
  });

  test('the same figures as CSV, audited as an export', async () => {
    const res = await as.analytiker!.request('GET', '/api/v1/statistics/export.csv?from=2026-01&to=2026-03&municipality=0182');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /envagin-statistik-2026-01-2026-03-0182\.csv/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'scope;measure;key;value');
    for (const line of ['county;total;;10', 'county;byMonth;2026-02;5', 'county;byMonth;2026-03;<5', 'county;byOfficeHours;jour;<5', '0182;total;;5', 'county;duration.report_to_claim.median_minutes;;32,5', 'county;duration.report_to_kvittens.median_minutes;;', 'county;clock.breach_rate;claim;0,5']) {
      assert.ok(lines.includes(line), `missing ${line}`);
    }
    const [row] = await t.testDb.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'statistics.read'), eq(auditLog.requestId, String(res.headers['x-request-id']))));
    assert.equal(row?.details.format, 'csv');
    assert.equal((await as.nacka!.request('GET', '/api/v1/statistics/export.csv?from=2026-01&to=2026-03')).statusCode, 403);
  });

  test('the same figures as an Excel workbook, read back: every CSV line is a row, numbers as numbers', async () => {
    const q = 'from=2026-01&to=2026-03&municipality=0182';
    const csv = (await as.analytiker!.request('GET', `/api/v1/statistics/export.csv?${q}`)).body.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => l.split(';'));
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/statistics/export.xlsx?${q}`, headers: { cookie: as.analytiker!.cookie } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(String(res.headers['content-disposition']), /envagin-statistik-2026-01-2026-03-0182\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Statistik')!;
    assert.deepEqual([1, 2, 3, 4].map((c) => sheet.getRow(1).getCell(c).value), ['Område', 'Mått', 'Nyckel', 'Värde']);
    const rows: (string | number | null)[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push([1, 2, 3, 4].map((c) => (row.getCell(c).value as string | number | null) ?? null));
    });
    assert.equal(rows.length, csv.length);
    for (const [i, [scope, measure, key, value]] of csv.entries()) {
      assert.deepEqual(rows[i], [scope === 'county' ? 'län' : scope, measure, key === '' ? null : key, cellValue(value!)], `row ${i + 2}`);
    }
    const find = (m: string, k: string | null = null) => rows.find((r) => r[0] === 'län' && r[1] === m && r[2] === k)?.[3];
    assert.equal(find('total'), 10);
    assert.equal(find('byMonth', '2026-03'), '<5');
    assert.equal(find('byMonth', '2026-02'), 5);
    assert.equal(find('duration.report_to_claim.median_minutes'), 32.5);
    assert.equal(find('duration.report_to_kvittens.median_minutes'), null);
    assert.match(String(wb.getWorksheet('Om')!.getCell('A4').value), /"<5" betyder 1–4/);
    const [audit] = await t.testDb.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'statistics.read'), eq(auditLog.requestId, String(res.headers['x-request-id']))));
    assert.equal(audit?.details.format, 'xlsx');
    assert.equal((await as.nacka!.request('GET', `/api/v1/statistics/export.xlsx?from=2026-01&to=2026-03`)).statusCode, 403);
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/statistics/export.xlsx?from=2026-01&to=2026-03&municipality=0182', headers: { cookie: as.solna!.cookie } });
    assert.equal(own.statusCode, 403, 'a municipality manager gets no other municipality');
  });
  test('the pilot report as PDF: the county, then a page per municipality the reader may see', async () => {
    const res = await pdfOf('analytiker', 'from=2026-01&to=2026-03');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), /envagin-pilotrapport-2026-01-2026-03\.pdf/);
    const pdf = readPdf(res.rawPayload);
    assert.equal(pdf.pages, 27, 'the county and its 26 municipalities, one A4 page each');
    assert.match(pdf.pageTexts[0]!, /Pilotens statistik – Stockholms län/);
    assert.match(pdf.pageTexts[0]!, /Antal ärenden: 10/);
    assert.match(pdf.pageTexts[0]!, /2026-02\s+5/);
    assert.match(pdf.pageTexts[0]!, /2026-03\s+<5/);
    assert.match(pdf.pageTexts[0]!, /Anmälan till tagen av socialjouren\s+10\s+33 min\s+55 min\s+1 h 00 min/);
    assert.match(pdf.pageTexts[0]!, /Anmälan till kvittens \(pilotens fråga\)\s+<5\s+–/);
    const nacka = pdf.pageTexts.find((p) => p.includes('Nacka (0182)'))!;
    assert.match(nacka, /Antal ärenden: 5 \(länet: 10\)/);
    assert.ok(pdf.pageTexts.some((p) => /Upplands Väsby \(0114\)[\s\S]*Antal ärenden: 0/.test(p)));
    const [audit] = await t.testDb.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'statistics.read'), eq(auditLog.requestId, String(res.headers['x-request-id']))));
    assert.equal(audit?.details.format, 'pdf');

    const solna = await pdfOf('solna', 'from=2026-01&to=2026-03');
    assert.equal(solna.statusCode, 200, solna.body);
    const own = readPdf(solna.rawPayload);
    assert.equal(own.pages, 2, 'a municipality manager: the county and its own');
    assert.match(own.pageTexts[1]!, /Solna \(0184\)[\s\S]*Antal ärenden: 0 \(länet: 10\)/);
    assert.ok(!own.text.includes('Nacka'));
    assert.equal((await pdfOf('solna', 'from=2026-01&to=2026-03&municipality=0182')).statusCode, 403);
    for (const who of ['polis', 'hub', 'nacka']) assert.equal((await pdfOf(who, 'from=2026-01&to=2026-03')).statusCode, 403, who);
    assert.equal((await pdfOf('analytiker', 'from=2026-03&to=2026-01')).statusCode, 400);
  });
  test('every read is audited with its filters', async () => {
    await stats('analytiker', 'from=2026-02&to=2026-02&hours=jour');
    const rows = await t.testDb.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'statistics.read'), eq(auditLog.actorRole, 'analyst')));
    assert.ok(rows.some((r) => r.details.from === '2026-02' && r.details.to === '2026-02' && r.details.hours === 'jour' && r.details.municipality === null));
  });
});

describe('real cases', () => {
  test('nothing personal comes out, and gallring changes no figure', async () => {
    now = new Date('2026-05-04T10:00:00+02:00');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: as.polis!.cookie, 'x-csrf-token': as.polis!.csrf, 'idempotency-key': 'statistics-real-0001' },
      payload: validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(77) } }),
    });
    assert.equal(res.statusCode, 201, res.body);
    const kase = res.json();
    for (const [who, path, body] of [
      ['hub', 'claim', {}],
      ['hub', 'decision', {}],
      ['nacka', 'acknowledge', {}],
      ['nacka', 'skyddsbedomning', { assessedAt: now.toISOString(), outcome: 'no_immediate_protection_needed', measures: 'Hemma hos mormor' }],
      ['nacka', 'forhandsbedomning', { decision: 'inleda_utredning', decidedOn: '2026-05-04', note: 'Anteckning' }],
      ['nacka', 'feedback', { withheld: false, message: 'Utredning inleds.' }],
      ['nacka', 'close', {}],
    ] as const) {
      now = new Date(now.getTime() + 10 * 60_000);
      const r = await as[who]!.request('POST', `/api/v1/cases/${kase.id}/${path}`, body);
      assert.ok(r.statusCode < 300, `${path}: ${r.body}`);
    }
    const before = await stats('analytiker', 'from=2026-05&to=2026-05&municipality=0182');
    assert.equal(before.json().county.total.display, '<5');
    for (const secret of [kase.id, kase.number, testPersonnummer(77).slice(0, 8), TEST_CHILD_NAME, 'mormor', 'Anteckning']) {
      assert.ok(!before.body.includes(secret), `the statistics carry ${secret}`);
    }
    const report = readPdf((await pdfOf('analytiker', 'from=2026-05&to=2026-05')).rawPayload);
    assert.equal(report.pages, 27);
    for (const secret of [kase.id, kase.number, testPersonnummer(77).slice(0, 8), TEST_CHILD_NAME, 'mormor', 'Anteckning', 'Utredning inleds']) {
      assert.ok(!report.text.includes(secret), `the PDF report carries ${secret}`);
    }
    const purged = await purgeAllPersonalData(t.testDb.database.db, { periods: { reportDays: 0, threadDays: 0, contactLogDays: 0, outboxDays: 90, passwordLinkDays: 30, accessRequestDays: 730 }, dryRun: false, now: () => new Date('2026-06-01T00:00:00Z') });
    assert.equal(purged.report, 1);
    const afterwards = await stats('analytiker', 'from=2026-05&to=2026-05&municipality=0182');
    assert.deepEqual(afterwards.json(), before.json());
    const all = await stats('analytiker', 'from=2026-01&to=2026-06');
    assert.equal(all.json().county.total.display, '15', '13 rounded');
  });
});
