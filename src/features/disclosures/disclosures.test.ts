// The disclosure register through HTTP: each kind of disclosure the case flow makes is recorded
// with its fields, organisations and legal ground, in the transaction of the operation (nothing
// when it fails); the auditor lists and exports it by child, organisation and period, and that
// reading is itself audited without the personnummer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { auditLog, cases, disclosures } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { legalGrounds } from '../../domain/disclosures.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { testPersonnummer, validReport } from '../../test/reports.ts';
import type { ReportBody } from '../../shared/api/cases.ts';

let t: TestApp;
const as: Record<string, AsUser> = {};
let seq = 0;
const now = new Date('2026-06-22T10:00:00+02:00');
const db = () => t.testDb.database.db;

before(async () => {
  t = await buildTestApp({}, () => now);
  for (const u of ['polis', 'hub', 'nacka', 'solna', 'revisor', 'admin']) as[u] = await logInAs(t.app, u);
});
after(() => t.close());

async function ok(user: string, url: string, body: unknown = {}) {
  const res = await as[user]!.request('POST', url, body);
  assert.ok(res.statusCode < 300, `${user} ${url}: ${res.statusCode} ${res.body}`);
  return res;
}

/** Files a report about a fresh child; returns the case id and the child's personnummer. */
async function file(overrides: Partial<ReportBody> = {}, pnr = testPersonnummer(7000 + ++seq)) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: as.polis!.cookie, 'x-csrf-token': as.polis!.csrf, 'idempotency-key': `disclosures-${seq}-${process.pid}` },
    payload: validReport({ child: { identityKind: 'known', identityNumber: pnr, name: 'Testbarn Utlämnad' }, ...overrides }),
  });
  assert.equal(res.statusCode, 201, res.body);
  return { id: res.json().id as string, pnr };
}

const rowsOf = (caseId: string) => db().select().from(disclosures).where(eq(disclosures.caseId, caseId)).orderBy(disclosures.id);

async function search(body: Record<string, unknown>, user = 'revisor') {
  return as[user]!.request('POST', '/api/v1/disclosures/search', body);
}

describe('recording', () => {
  test('a handover: the report and the decision to the receiving unit, on the agreement', async () => {
    const { id } = await file();
    await ok('hub', `/api/v1/cases/${id}/claim`);
    await ok('hub', `/api/v1/cases/${id}/decision`);
    const [row, ...more] = await rowsOf(id);
    assert.equal(more.length, 0);
    assert.equal(row!.kind, 'handover');
    assert.equal(row!.fromOrgId, 'hub');
    assert.equal(row!.fromName, 'Stockholms stads socialjour');
    assert.equal(row!.toOrgId, 'intake-0182');
    assert.match(row!.toName, /Nacka/);
    assert.equal(row!.legalGround, legalGrounds.agreement);
    for (const f of ['case.number', 'child.identityNumber', 'child.name', 'concern', 'residence.address', 'guardians[].phone', 'decision.reasons']) assert.ok(row!.fields.includes(f), f);
    assert.equal(row!.actorRole, 'hub.handler');
    assert.match(row!.personRef!, /^[0-9a-f]{32}$/);
    // Field names only: no value of the report is in the row.
    assert.doesNotMatch(JSON.stringify(row), /Testbarn|Testvägen|070-174/);
  });

  test('skyddad identitet: the addresses and places only at the kvittens, as a disclosure of their own', async () => {
    const { id } = await file({ protectedIdentity: true });
    await ok('hub', `/api/v1/cases/${id}/claim`);
    await ok('hub', `/api/v1/cases/${id}/decision`);
    const [handover] = await rowsOf(id);
    for (const f of ['residence.address', 'guardians[].address', 'found.place', 'whereaboutsNow.place']) assert.ok(!handover!.fields.includes(f), f);
    await ok('nacka', `/api/v1/cases/${id}/acknowledge`);
    const [, kvittens, ...more] = await rowsOf(id);
    assert.equal(more.length, 0);
    assert.deepEqual(kvittens!.fields, ['found.place', 'guardians[].address', 'residence.address', 'whereaboutsNow.place']);
    assert.equal(kvittens!.fromOrgId, 'hub');
    assert.equal(kvittens!.toOrgId, 'intake-0182');
    assert.equal(kvittens!.actorRole, 'municipality.intake');
  });

  test('an återkoppling: what the police may know, from the municipality to the reporting police', async () => {
    const { id } = await file();
    await ok('hub', `/api/v1/cases/${id}/claim`);
    await ok('hub', `/api/v1/cases/${id}/decision`);
    await ok('nacka', `/api/v1/cases/${id}/acknowledge`);
    await ok('nacka', `/api/v1/cases/${id}/skyddsbedomning`, { assessedAt: '2026-06-22T09:50:00+02:00', outcome: 'no_immediate_protection_needed', measures: '' });
    await ok('nacka', `/api/v1/cases/${id}/forhandsbedomning`, { decision: 'inte_inleda', decidedOn: '2026-06-22', note: '' });
    await ok('nacka', `/api/v1/cases/${id}/feedback`, { withheld: false, message: 'Utredning inleds inte.' });
    const feedback = (await rowsOf(id)).find((r) => r.kind === 'feedback')!;
    assert.equal(feedback.fromOrgId, 'intake-0182');
    assert.equal(feedback.toOrgId, 'police-roc');
    assert.deepEqual(feedback.fields, ['case.number', 'feedback.investigation', 'feedback.message']);
    assert.equal(feedback.legalGround, legalGrounds.feedback);
  });

  test('a return to the police: the case number and the reason, from the hub to the reporting police; a refused return records nothing', async () => {
    const { id } = await file();
    await ok('hub', `/api/v1/cases/${id}/claim`);
    const bad = await as.hub!.request('POST', `/api/v1/cases/${id}/return`, { reason: '' });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal((await as.nacka!.request('POST', `/api/v1/cases/${id}/return`, { reason: 'Inte målgruppen.' })).statusCode, 404, 'not the hub');
    assert.equal((await rowsOf(id)).length, 0);
    await ok('hub', `/api/v1/cases/${id}/return`, { reason: 'Barnet är över 18 år, inte målgruppen.' });
    const [row, ...more] = await rowsOf(id);
    assert.equal(more.length, 0);
    assert.equal(row!.kind, 'return');
    assert.deepEqual([row!.fromOrgId, row!.toOrgId, row!.toName], ['hub', 'police-roc', 'Polisregion Stockholm, Regionalt operativt center (ROC)']);
    assert.deepEqual(row!.fields, ['case.number', 'return.reason']);
    assert.equal(row!.legalGround, legalGrounds.returned);
    assert.equal(row!.actorRole, 'hub.handler');
    assert.match(row!.personRef!, /^[0-9a-f]{32}$/);
    assert.doesNotMatch(JSON.stringify(row), /över 18/, 'the reason by name only, not its text');
  });

  test('a forward: the whole report to a municipality outside the directory, by name, under förvaltningslagen', async () => {
    const { id } = await file({ residence: { municipalityCode: '0380' }, found: { at: '2026-06-21T21:00:00+02:00', municipalityCode: '0184', place: 'Solna C' } });
    await ok('hub', `/api/v1/cases/${id}/claim`);
    await ok('hub', `/api/v1/cases/${id}/decision`);
    assert.equal((await rowsOf(id)).length, 0, 'a decision to forward discloses nothing yet');
    // Bad input: refused, nothing recorded.
    const bad = await as.hub!.request('POST', `/api/v1/cases/${id}/forward`, { municipalityCode: '0380', channel: 'pigeon', address: 'x' });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal((await rowsOf(id)).length, 0);
    await ok('hub', `/api/v1/cases/${id}/forward`, { municipalityCode: '0380', channel: 'email', address: 'registrator@uppsala.demo.envagin.se' });
    const [row, ...more] = await rowsOf(id);
    assert.equal(more.length, 0);
    assert.equal(row!.kind, 'forward');
    assert.equal(row!.toOrgId, null);
    assert.equal(row!.toName, 'Uppsala');
    assert.equal(row!.legalGround, legalGrounds.forward);
    assert.ok(row!.fields.includes('concern') && row!.fields.includes('child.identityNumber') && row!.fields.includes('found.place'));
  });

  test('nothing is recorded when the operation fails after the disclosure was written (one transaction)', async () => {
    const { id } = await file();
    await ok('hub', `/api/v1/cases/${id}/claim`);
    // The handover's own clock cannot be started: the decision fails after its disclosure row.
    await withTransaction(db(), async (tx) => {
      await tx.execute(sql`set local role none`);
      await tx.execute(sql.raw(`create or replace function test_refuse_clock() returns trigger language plpgsql as $$
        begin if new.case_id = '${id}' and new.clock = 'acknowledge' then raise exception 'test: no clock'; end if; return new; end $$`));
      await tx.execute(sql`create trigger test_refuse_clock before insert on deadlines for each row execute function test_refuse_clock()`);
    });
    try {
      const res = await as.hub!.request('POST', `/api/v1/cases/${id}/decision`, {});
      assert.equal(res.statusCode, 500, res.body);
      assert.equal((await rowsOf(id)).length, 0, 'the disclosure rolled back with the decision');
      const [kase] = await db().select().from(cases).where(eq(cases.id, id));
      assert.equal(kase!.status, 'triage');
    } finally {
      await withTransaction(db(), async (tx) => {
        await tx.execute(sql`set local role none`);
        await tx.execute(sql`drop trigger test_refuse_clock on deadlines`);
      });
    }
    await ok('hub', `/api/v1/cases/${id}/decision`);
    assert.equal((await rowsOf(id)).length, 1);
  });

  test('no role may change or remove a row of the register', async () => {
    const [any] = await db().select().from(disclosures).limit(1);
    assert.ok(any);
    await assert.rejects(db().update(disclosures).set({ legalGround: 'ändrad' }).where(eq(disclosures.id, any.id)));
    await assert.rejects(db().delete(disclosures).where(eq(disclosures.id, any.id)));
  });
});

describe('the auditor’s register', () => {
  let child: { id: string; pnr: string };
  before(async () => {
    child = await file();
    await ok('hub', `/api/v1/cases/${child.id}/claim`);
    await ok('hub', `/api/v1/cases/${child.id}/decision`);
  });

  test('by child: the personnummer finds its disclosures, and the log keeps only its reference', async () => {
    const res = await search({ identityNumber: child.pnr });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { caseId: string; kind: string; fromName: string; toName: string; actorName: string; fields: string[] }[];
    assert.equal(items.length, 1);
    assert.equal(items[0]!.caseId, child.id);
    assert.equal(items[0]!.fromName, 'Stockholms stads socialjour');
    assert.ok(items[0]!.actorName);
    const [logged] = await db().select().from(auditLog).where(eq(auditLog.requestId, res.headers['x-request-id'] as string));
    assert.equal(logged!.action, 'disclosures.searched');
    assert.match(String((logged!.details.filters as { person: string }).person), /^[0-9a-f]{32}$/);
    assert.ok(!JSON.stringify(logged!.details).includes(child.pnr.slice(2, 8)), 'the number is not in the log');
    // The same child typed with a hyphen and ten digits.
    const short = `${child.pnr.slice(2, 8)}-${child.pnr.slice(8)}`;
    assert.equal((await search({ identityNumber: short })).json().items.length, 1);
  });

  test('a personnummer typed into the organisation field is not kept as typed either (issue 22 item 7)', async () => {
    const res = await search({ organisationId: child.pnr });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().items.length, 0);
    const [logged] = await db().select().from(auditLog).where(eq(auditLog.requestId, res.headers['x-request-id'] as string));
    assert.equal(logged!.action, 'disclosures.searched');
    assert.ok(!JSON.stringify(logged!.details).includes(child.pnr.slice(2, 8)), 'the number is not in the log');
    assert.match(String((logged!.details.filters as { organisationId: { person: string } }).organisationId.person), /^[0-9a-f]{32}$/);
  });

  test('by organisation and period (whole days in Swedish time), paged', async () => {
    const byOrg = (await search({ organisationId: 'intake-0182' })).json().items as { toOrgId: string; fromOrgId: string }[];
    assert.ok(byOrg.length >= 4);
    assert.ok(byOrg.every((r) => r.toOrgId === 'intake-0182' || r.fromOrgId === 'intake-0182'));
    assert.equal((await search({ organisationId: 'kommun-0184' })).json().items.length, 0);
    assert.ok((await search({ from: '2026-06-22', to: '2026-06-22' })).json().items.length >= 4);
    assert.equal((await search({ from: '2026-06-23' })).json().items.length, 0);
    assert.equal((await search({ to: '2026-06-21' })).json().items.length, 0);
    const first = (await search({ limit: 2 })).json();
    assert.equal(first.items.length, 2);
    const second = (await search({ limit: 2, cursor: first.nextCursor })).json();
    assert.ok(Number(second.items[0].id) < Number(first.items[1].id));
    const orgs = (await as.revisor!.request('GET', '/api/v1/disclosures/organisations')).json().organisations as { id: string; name: string }[];
    assert.ok(orgs.some((o) => o.id === 'hub' && o.name === 'Stockholms stads socialjour'));
  });

  test('bad input: a clear 400 and nothing searched', async () => {
    for (const body of [{ identityNumber: '201001012381' }, { from: '2026-13-01' }, { from: '2026-06-23', to: '2026-06-22' }, { limit: 0 }, { extra: 1 }]) {
      const res = await search(body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
    }
  });

  test('the CSV: Swedish time, names, the kind in words; the export is audited', async () => {
    const res = await as.revisor!.request('POST', '/api/v1/disclosures/export.csv', { identityNumber: child.pnr });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /envagin-utlamnanden-2026-06-22\.csv/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'Tidpunkt;Ärende;Typ;Från;Till;Uppgifter;Rättslig grund;Utlämnat av;Roll');
    assert.equal(lines.length, 2);
    assert.match(lines[1]!, /^2026-06-22 10:00;ENV-2026-\d{6};Överlämnande;Stockholms stads socialjour;[^;]*Nacka[^;]*;/);
    assert.ok(!res.body.includes(child.pnr));
    const [logged] = await db().select().from(auditLog).where(eq(auditLog.requestId, res.headers['x-request-id'] as string));
    assert.equal(logged!.action, 'disclosures.exported');
  });

  test('only the auditor', async () => {
    for (const user of ['polis', 'hub', 'nacka', 'solna', 'admin']) {
      for (const [method, url] of [['POST', '/api/v1/disclosures/search'], ['POST', '/api/v1/disclosures/export.csv'], ['GET', '/api/v1/disclosures/organisations']] as const) {
        const res = await as[user]!.request(method, url, method === 'POST' ? {} : undefined);
        assert.equal(res.statusCode, 403, `${user} ${url}`);
      }
    }
  });
});
