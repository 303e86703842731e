// The second line of defence: with the application's own filters left out, PostgreSQL's
// row-level security still shows each reader only the cases they may see.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { withActorTransaction } from '../db/actor-transaction.ts';
import { queryRows } from '../db/query-rows.ts';
import { findUserByUsername, toActor } from '../features/auth/queries.ts';
import { buildTestApp, fileTestReport, logInAs, type TestApp } from '../test/app.ts';
import { buildCase } from '../test/factories.ts';

let t: TestApp;
const ids: Record<string, string> = {};

before(async () => {
  t = await buildTestApp({}, () => new Date('2026-03-03T10:00:00+01:00'));
  const polis = await logInAs(t.app, 'polis');
  const hub = await logInAs(t.app, 'hub');
  const file = (key: string, residence: string) => fileTestReport(t.app, polis, key, residence);

  ids.nackaHandedOver = await file('rls-case-0001', '0182');
  ids.nackaNew = await file('rls-case-0002', '0182');
  ids.solnaHandedOver = await file('rls-case-0003', '0184');
  for (const id of [ids.nackaHandedOver, ids.solnaHandedOver]) {
    assert.equal((await hub.request('POST', `/api/v1/cases/${id}/claim`, {})).statusCode, 200);
    assert.equal((await hub.request('POST', `/api/v1/cases/${id}/decision`, {})).statusCode, 200);
  }
});
after(() => t.close());

async function visibleTo(username: string, query = sql`select id from cases`) {
  const found = await findUserByUsername(t.testDb.database.db, username);
  const actor = toActor(found!.user, found!.org);
  const rows = await withActorTransaction(t.testDb.database.db, actor, (tx) => queryRows<{ id: string }>(tx, query));
  return new Set(rows.map((r) => r.id));
}

test('an unfiltered query sees only what the reader may see', async () => {
  const all = new Set(Object.values(ids));
  assert.deepEqual(await visibleTo('hub'), all);
  assert.deepEqual(await visibleTo('polis'), all, 'the police see their own organisation’s reports');
  assert.deepEqual(await visibleTo('nacka'), new Set([ids.nackaHandedOver]), 'Nacka: only what was handed over to it');
  assert.deepEqual(await visibleTo('solna'), new Set([ids.solnaHandedOver]));
  assert.deepEqual(await visibleTo('sydost'), new Set());
  for (const u of ['admin', 'revisor', 'analytiker']) assert.deepEqual(await visibleTo(u), new Set(), u);
});

test('the thread and the timeline follow the case', async () => {
  const events = await visibleTo('solna', sql`select distinct case_id as id from case_events`);
  assert.deepEqual(events, new Set([ids.solnaHandedOver]));
});

test('writes outside the reader’s scope are refused by the database', async () => {
  const found = await findUserByUsername(t.testDb.database.db, 'solna');
  const actor = toActor(found!.user, found!.org);
  const changed = await withActorTransaction(t.testDb.database.db, actor, (tx) =>
    queryRows<{ id: string }>(tx, sql`update cases set urgency = 'not_urgent' where id = ${ids.nackaHandedOver} returning id`),
  );
  assert.equal(changed.length, 0, 'Solna cannot touch a Nacka case even without the application’s checks');
  await assert.rejects(
    withActorTransaction(t.testDb.database.db, actor, (tx) => buildCase(tx, { number: 'ENV-2026-999999', idempotencyKey: 'forged-0001' })),
    (error: Error & { cause?: { code?: string } }) => error.cause?.code === '42501',
  );
});

test('information requests: only their parties see them, their answers and their clocks; SiS never the case', async () => {
  const nacka = await logInAs(t.app, 'nacka');
  const polis = await logInAs(t.app, 'polis');
  const base = `/api/v1/cases/${ids.nackaHandedOver}`;
  assert.equal((await nacka.request('POST', `${base}/acknowledge`, {})).statusCode, 200);
  const toRoc = await nacka.request('POST', `${base}/information-requests`, {
    addressedOrgId: 'police-roc', kinds: ['risk_assessment'], text: 'Riskbedömning?', legalGroundId: 'osl-10-18a', urgency: 'normal',
  });
  assert.equal(toRoc.statusCode, 201, toRoc.body);
  assert.equal((await polis.request('POST', `/api/v1/information-requests/${toRoc.json().id}/acknowledge`, {})).statusCode, 200);
  const answered = await polis.request('POST', `/api/v1/information-requests/${toRoc.json().id}/answer`, {
    text: 'Låg risk.', risk: { level: 'low', assessedOn: '2026-03-01', knownAffiliation: 'no' },
  });
  assert.equal(answered.statusCode, 200, answered.body);
  assert.equal((await nacka.request('POST', `${base}/parties`, { orgId: 'sis', legalGroundId: 'osl-10-28' })).statusCode, 201);
  const toSis = await nacka.request('POST', `${base}/information-requests`, {
    addressedOrgId: 'sis', kinds: ['other'], text: 'Placerad?', legalGroundId: 'osl-10-28', urgency: 'normal',
  });
  assert.equal(toSis.statusCode, 201, toSis.body);
  const roc = new Set([toRoc.json().id as string]);
  const both = new Set([toRoc.json().id as string, toSis.json().id as string]);
  const requests = sql`select id from information_requests`;
  const answers = sql`select request_id as id from information_request_answers`;
  const clocks = sql`select subject_id as id from deadlines where clock = 'information_request'`;
  assert.deepEqual(await visibleTo('nacka', requests), both);
  assert.deepEqual(await visibleTo('polis', requests), roc, 'the police: only what they were asked');
  assert.deepEqual(await visibleTo('polis', clocks), roc, 'nor the clock of a request to SiS on their own report');
  assert.deepEqual(await visibleTo('polis', answers), roc);
  assert.deepEqual(await visibleTo('sis', requests), new Set([toSis.json().id as string]));
  assert.deepEqual(await visibleTo('sis', clocks), new Set([toSis.json().id as string]));
  assert.deepEqual(await visibleTo('sis', sql`select id from cases`), new Set(), 'SiS never reads the case');
  assert.deepEqual(await visibleTo('sis', sql`select distinct case_id as id from case_events`), new Set());
  assert.deepEqual(await visibleTo('sis', sql`select case_id as id from case_parties`), new Set([ids.nackaHandedOver]));
  assert.deepEqual(await visibleTo('polis', sql`select case_id as id from case_parties`), new Set(), 'the police are not told who else is party');
  for (const u of ['solna', 'sydost', 'hub', 'admin', 'revisor', 'analytiker']) {
    assert.deepEqual(await visibleTo(u, requests), new Set(), u);
    assert.deepEqual(await visibleTo(u, answers), new Set(), u);
    assert.deepEqual(await visibleTo(u, clocks), new Set(), u);
  }
});
