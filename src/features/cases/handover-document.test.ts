// The handover document through HTTP: the PDF read back with poppler's pdftotext (A4, Swedish,
// the report, the decision with its reasons, the calls, the kvittens), the JSON validated against
// the published JSON Schema with an independent validator (ajv), skyddad identitet kept out of
// both, the read audited and the municipality's download in the disclosure register; the police,
// other municipalities and the auditor cannot fetch it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog, disclosures } from '../../db/schema.ts';
import { legalGrounds } from '../../domain/disclosures.ts';
import { HandoverDocument } from '../../shared/api/handover-document.ts';
import type { ReportBody } from '../../shared/api/cases.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { testPersonnummer, validReport } from '../../test/reports.ts';

const SCHEMA_FILE = new URL('../../../docs/handover-document.schema.json', import.meta.url);

let t: TestApp;
const as: Record<string, AsUser> = {};
let seq = 0;
const db = () => t.testDb.database.db;

before(async () => {
  t = await buildTestApp({}, () => new Date('2026-06-22T10:00:00+02:00'));
  for (const u of ['polis', 'hub', 'nacka', 'solna', 'sydost', 'revisor', 'admin']) as[u] = await logInAs(t.app, u);
});
after(() => t.close());

async function ok(user: string, url: string, body: unknown = {}) {
  const res = await as[user]!.request('POST', url, body);
  assert.ok(res.statusCode < 300, `${user} ${url}: ${res.statusCode} ${res.body}`);
  return res;
}

/** A case about a fresh child, handed over to Nacka (claimed, decided, one call logged). */
async function handedOver(overrides: Partial<ReportBody> = {}) {
  const pnr = testPersonnummer(8000 + ++seq);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: as.polis!.cookie, 'x-csrf-token': as.polis!.csrf, 'idempotency-key': `handover-doc-${seq}-${process.pid}` },
    payload: validReport({ child: { identityKind: 'known', identityNumber: pnr, name: 'Åsa Östlund-Ärlig' }, ...overrides }),
  });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().id as string;
  await ok('hub', `/api/v1/cases/${id}/claim`);
  await ok('hub', `/api/v1/cases/${id}/decision`);
  await ok('hub', `/api/v1/cases/${id}/contact-attempts`, { orgName: 'Nacka kommun, mottagningen', label: 'Mottagning', phone: '08-718 80 00', outcome: 'no_answer' });
  return { id, pnr };
}

const pdfOf = (user: string, id: string) => as[user]!.request('GET', `/api/v1/cases/${id}/handover-document.pdf`);
const jsonOf = (user: string, id: string) => as[user]!.request('GET', `/api/v1/cases/${id}/handover-document.json`);

/** The PDF's page count, page size and text, read back with poppler. */
function readPdf(pdf: Buffer): { pages: number; size: string; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'envagin-handover-'));
  try {
    const file = join(dir, 'h.pdf');
    writeFileSync(file, pdf);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.equal(info.status, 0, info.stderr);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    assert.equal(text.status, 0, text.stderr);
    return { pages: Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]), size: /Page size:\s+(.*)/.exec(info.stdout)?.[1] ?? '', text: text.stdout.replace(/\s+/g, ' ') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the PDF', () => {
  test('A4 in Swedish: the case, the child, the report, the decision with its reasons, the calls and the kvittens', async () => {
    const { id, pnr } = await handedOver();
    const res = await pdfOf('nacka', id);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="overlamnande-ENV-2026-\d{6}\.pdf"$/);
    const { pages, size, text } = readPdf(res.rawPayload);
    assert.ok(pages >= 1 && pages <= 3, `pages: ${pages}`);
    assert.match(size, /\(A4\)/);
    const number = /ENV-2026-\d{6}/.exec(String(res.headers['content-disposition']))![0];
    for (const expected of [
      'Överlämnande av orosanmälan',
      number,
      `${pnr.slice(0, 8)}-${pnr.slice(8)}`,
      'Åsa Östlund-Ärlig',
      'Testvägen 1, Nacka',
      'Sergels torg',
      '5000-K123456-26',
      'Påträffad sent på kvällen',
      'Rekryteras',
      'Samverkansavtal med hemkommunen',
      legalGrounds.agreement,
      'Kontaktförsök',
      'Inget svar',
      '2026-06-22 kl. 10:00',
      'Inte kvitterat ännu',
    ]) {
      assert.ok(text.includes(expected), `the PDF says "${expected}"`);
    }
    // The decision's reasons, as the routing wrote them.
    const doc = (await jsonOf('nacka', id)).json() as HandoverDocument;
    assert.ok(doc.decision.reasons.length > 0);
    for (const reason of doc.decision.reasons) assert.ok(text.includes(reason.replace(/\s+/g, ' ').slice(0, 40)), `reason: ${reason}`);
    // After the kvittens the document names who acknowledged.
    await ok('nacka', `/api/v1/cases/${id}/acknowledge`);
    const after = readPdf((await pdfOf('nacka', id)).rawPayload).text;
    assert.ok(after.includes('Kvitterad') && !after.includes('Inte kvitterat ännu'));
  });

  test('skyddad identitet: no address or place in the PDF or the JSON, before or after the kvittens', async () => {
    const secret = { address: 'Gömstavägen 9, Nacka', place: 'Lönnplatsen 3', now: 'Hemligtorget 5', withWhom: 'Moster Hemlig' };
    const { id } = await handedOver({
      protectedIdentity: true,
      residence: { municipalityCode: '0182', address: secret.address },
      guardians: [{ name: 'Vårdnadshavare Skyddad', relation: 'pappa', phone: '070-174 06 12', address: secret.address }],
      found: { at: '2026-06-21T22:40:00+02:00', municipalityCode: '0180', place: secret.place },
      whereaboutsNow: { place: secret.now, withWhom: secret.withWhom },
    });
    for (const step of ['before', 'after'] as const) {
      if (step === 'after') await ok('nacka', `/api/v1/cases/${id}/acknowledge`);
      const pdf = readPdf((await pdfOf('nacka', id)).rawPayload).text;
      const json = (await jsonOf('nacka', id)).body;
      assert.ok(pdf.includes('SKYDDAD IDENTITET'), step);
      assert.ok(pdf.includes('Vårdnadshavare Skyddad'), `${step}: the document is still complete otherwise`);
      for (const value of Object.values(secret)) {
        assert.ok(!pdf.includes(value), `${step}: "${value}" is not in the PDF`);
        assert.ok(!json.includes(value), `${step}: "${value}" is not in the JSON`);
      }
      const doc = JSON.parse(json) as HandoverDocument;
      assert.deepEqual(doc.withheldFields, ['residence.address', 'guardians[].address', 'found.place', 'whereaboutsNow.place', 'whereaboutsNow.withWhom']);
      // The read is audited with what was kept out.
      const [read] = await db().select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'case.read'))).orderBy(auditLog.id);
      assert.ok(read);
    }
    const rows = await db().select().from(disclosures).where(and(eq(disclosures.caseId, id), eq(disclosures.kind, 'handover_document')));
    assert.equal(rows.length, 4, 'two PDFs and two JSONs');
    for (const r of rows) for (const f of ['residence.address', 'found.place', 'whereaboutsNow.place', 'guardians[].address']) assert.ok(!r.fields.includes(f), f);
  });
});

describe('the JSON', () => {
  test('the published JSON Schema is the schema the server answers with (docs/handover-document.schema.json)', () => {
    const published = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as unknown;
    assert.deepEqual(published, z.toJSONSchema(HandoverDocument, { io: 'output' }), 'regenerate docs/handover-document.schema.json (see docs/handover-document.md)');
  });

  test('validates against the published schema, audited as a read, recorded as a disclosure to the municipality', async () => {
    const { id, pnr } = await handedOver();
    const res = await jsonOf('nacka', id);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), /overlamnande-ENV-2026-\d{6}\.json/);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
    const doc = res.json() as HandoverDocument;
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.equal(validate({ ...doc, schemaVersion: 2 }), false, 'the validator can fail');
    const example = JSON.parse(readFileSync(new URL('../../../docs/handover-document.example.json', import.meta.url), 'utf8')) as object;
    assert.ok(validate(example), `the documented example: ${JSON.stringify(validate.errors)}`);
    assert.equal(doc.child.identityNumber, `${pnr.slice(0, 8)}-${pnr.slice(8)}`);
    assert.equal(doc.sender.organisationId, 'hub');
    assert.equal(doc.receiver.organisationId, 'intake-0182');
    assert.equal(doc.decision.legalGround, legalGrounds.agreement);
    assert.equal(doc.contactAttempts.length, 1);
    assert.equal(doc.kvittens.acknowledged, false);

    const [read] = await db().select().from(auditLog).where(eq(auditLog.requestId, res.headers['x-request-id'] as string));
    assert.equal(read!.action, 'case.read');
    assert.equal(read!.details.via, 'handover_document');
    assert.equal(read!.details.format, 'json');
    const [row, ...more] = await db().select().from(disclosures).where(and(eq(disclosures.caseId, id), eq(disclosures.kind, 'handover_document')));
    assert.equal(more.length, 0);
    assert.equal(row!.fromOrgId, 'hub');
    assert.equal(row!.toOrgId, 'intake-0182');
    assert.equal(row!.legalGround, legalGrounds.agreement);
    assert.equal(row!.requestId, res.headers['x-request-id']);
    for (const f of ['case.number', 'child.identityNumber', 'report.concern', 'decision.reasons[]', 'contactAttempts[].phone']) assert.ok(row!.fields.includes(f), f);
    assert.ok(!row!.fields.includes('generatedAt'));
  });
});

describe('who may fetch it', () => {
  test('the hub may, without a disclosure; the police 403; another municipality, a jour group without part, the auditor and the admin 404', async () => {
    const { id } = await handedOver();
    const expected: Record<string, number> = { hub: 200, polis: 403, solna: 404, sydost: 404, revisor: 404, admin: 404 };
    for (const [user, status] of Object.entries(expected)) {
      for (const fetch of [pdfOf, jsonOf]) {
        const res = await fetch(user, id);
        assert.equal(res.statusCode, status, `${user}: ${res.body}`);
      }
    }
    assert.equal((await db().select().from(disclosures).where(and(eq(disclosures.caseId, id), eq(disclosures.kind, 'handover_document')))).length, 0);
    // Denied attempts are audited as such.
    const denied = await db().select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'case.access_denied')));
    assert.equal(denied.length, 10);
  });

  test('a case not handed over has no handover document (409), and nothing is recorded', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: as.polis!.cookie, 'x-csrf-token': as.polis!.csrf, 'idempotency-key': `handover-doc-triage-${process.pid}` },
      payload: validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(8999), name: 'X' } }),
    });
    const id = res.json().id as string;
    await ok('hub', `/api/v1/cases/${id}/claim`);
    const pdf = await pdfOf('hub', id);
    assert.equal(pdf.statusCode, 409, pdf.body);
    assert.equal(pdf.json().code, 'INVALID_STATE');
    assert.equal((await db().select().from(disclosures).where(eq(disclosures.caseId, id))).length, 0);
  });
});
