// "Who has seen this child's data", and the register extract, through HTTP.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { TEST_CHILD_PNR, validReport } from '../../test/reports.ts';

let t: TestApp;
let revisor: AsUser;
let caseId = '';

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

test('the register extract holds the case with its thread and timeline, and is itself audited', async () => {
  const res = await revisor.request('POST', '/api/v1/audit/register-extract', { identityNumber: TEST_CHILD_PNR });
  assert.equal(res.statusCode, 200, res.body);
  const extract = res.json();
  assert.equal(extract.cases.length, 1);
  assert.equal(extract.cases[0].id, caseId);
  assert.ok(extract.cases[0].events.length >= 3);
  const after = await revisor.request('POST', '/api/v1/audit/person-access', { identityNumber: TEST_CHILD_PNR });
  assert.ok(after.json().accesses.length > 0);
  const log = await revisor.request('GET', '/api/v1/audit?limit=20');
  assert.ok(log.json().items.some((i: { action: string }) => i.action === 'audit.register_extract_created'));
});
