// "Who has seen this child's data", and the register extract, through HTTP.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema.ts';
import { TEST_CHILD_PNR, testPersonnummer, validReport } from '../../test/reports.ts';

let t: TestApp;
let revisor: AsUser;
let caseId = '';
let protectedCaseId = '';
let revisorUserId = '';
const revisorId = () => revisorUserId;
const PROTECTED_PNR = testPersonnummer(7);

before(async () => {
  t = await buildTestApp({}, () => new Date('2026-03-03T10:00:00+01:00'));
  const polis = await logInAs(t.app, 'polis');
  const hub = await logInAs(t.app, 'hub');
  const nacka = await logInAs(t.app, 'nacka');
  revisor = await logInAs(t.app, 'revisor');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': 'person-access-0001' },
    payload: validReport(),
  });
  caseId = res.json().id;
  await hub.request('POST', `/api/v1/cases/${caseId}/claim`, {});
  await hub.request('POST', `/api/v1/cases/${caseId}/decision`, {});
  await nacka.request('GET', `/api/v1/cases/${caseId}`);
  const hidden = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': 'person-access-0002' },
    payload: validReport({
      child: { identityKind: 'known', identityNumber: PROTECTED_PNR, name: 'Skyddat Barn' },
      protectedIdentity: true,
      residence: { municipalityCode: '0182', address: 'Hemligvägen 9' },
      found: { at: '2026-03-02T22:40:00+01:00', municipalityCode: '0180', place: 'Hemlig plats' },
      whereaboutsNow: { place: 'Hemligt gömställe', withWhom: 'Polis' },
      guardians: [],
    }),
  });
  assert.equal(hidden.statusCode, 201, hidden.body);
  protectedCaseId = hidden.json().id;
  await hub.request('POST', `/api/v1/cases/${protectedCaseId}/claim`, {});
  const note = await hub.request('POST', `/api/v1/cases/${protectedCaseId}/messages`, { kind: 'note', body: 'Intern anteckning om hemvist' });
  assert.equal(note.statusCode < 300, true, note.body);
  revisorUserId = (await revisor.request('GET', '/api/v1/auth/me')).json().user.id;
});
after(() => t.close());

test('who has seen this child: every read and change, with actor and case number', async () => {
  const res = await revisor.request('POST', '/api/v1/audit/person-access', { identityNumber: `${TEST_CHILD_PNR.slice(2, 8)}-${TEST_CHILD_PNR.slice(8)}` });
  assert.equal(res.statusCode, 200, res.body);
  const accesses = res.json().accesses as { action: string; actorOrgId: string; actorName: string; caseId: string }[];
  assert.ok(accesses.some((a) => a.action === 'case.received' && a.actorOrgId === 'police-roc'));
  assert.ok(accesses.some((a) => a.action.startsWith('case.read') && a.actorOrgId === 'hub'));
  assert.ok(accesses.some((a) => a.action.startsWith('case.read') && a.actorOrgId === 'intake-0182' && a.actorName.includes('Nacka')));
  assert.ok(accesses.every((a) => a.caseId === caseId));
  const other = await revisor.request('POST', '/api/v1/audit/person-access', { identityNumber: '20120315-1236' });
  assert.deepEqual(other.json().accesses, []);
  const bad = await revisor.request('POST', '/api/v1/audit/person-access', { identityNumber: '20100101-2383' });
  assert.equal(bad.statusCode, 400);
});

test('the register extract holds what GDPR art. 15 asks for, not the case file, and is audited as a read of the case', async () => {
  const res = await revisor.request('POST', '/api/v1/audit/register-extract', { identityNumber: TEST_CHILD_PNR });
  assert.equal(res.statusCode, 200, res.body);
  const extract = res.json();
  assert.equal(extract.cases.length, 1);
  const [c] = extract.cases;
  assert.ok(extract.purposes.length > 0 && extract.legalBasis.length > 0 && extract.rights.includes('IMY'));
  assert.match(extract.storage.text, /gallras 1826 dagar/);
  assert.deepEqual(c.source, { organisation: 'Polisregion Stockholm, Regionalt operativt center (ROC)', reference: '5000-K123456-26', kind: 'Orosanmälan från polisen' });
  assert.ok(c.personalData.some((d: { label: string; value: string }) => d.label === 'Adress' && d.value === 'Testvägen 1, Nacka'));
  assert.ok(c.recipients.some((r: { what: string }) => r.what.startsWith('Anmälan överlämnad')));
  // Not the case file: no ids, no timeline, no thread, no call log, no reporting officer's or guardian's phone.
  for (const absent of [caseId, 'Polisinspektör Test', '070-174 06 1', 'events', 'contactAttempts', 'skyddsbedomning']) assert.ok(!res.body.includes(absent), absent);
  const reads = await t.testDb.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'case.read'), eq(auditLog.subjectId, caseId), eq(auditLog.actorUserId, revisorId())));
  assert.equal(reads.length, 1, 'a read of the case by the auditor');
  assert.equal(reads[0]!.details.via, 'register_extract');
  const log = await revisor.request('POST', '/api/v1/audit/search', { limit: 20 });
  assert.ok(log.json().items.some((i: { action: string }) => i.action === 'audit.register_extract_created'));
});

test('for a child with skyddad identitet the extract holds no address or place, and no note of the social services', async () => {
  const res = await revisor.request('POST', '/api/v1/audit/register-extract', { identityNumber: PROTECTED_PNR });
  assert.equal(res.statusCode, 200, res.body);
  const [c] = res.json().cases;
  assert.equal(c.protectedIdentity, true);
  assert.deepEqual(c.withheld, ['Adress', 'Plats där barnet påträffades', 'Var barnet befann sig vid anmälan']);
  for (const secret of ['Hemligvägen 9', 'Hemlig plats', 'Hemligt gömställe', 'Intern anteckning om hemvist']) assert.ok(!res.body.includes(secret), secret);
  assert.ok(c.processing.some((p: { what: string }) => p.what.includes('anteckningar')), 'that a thread exists, not what it says');
  // Auditors see no other case content.
  assert.equal((await revisor.request('GET', `/api/v1/cases/${protectedCaseId}`)).statusCode, 404);
});
