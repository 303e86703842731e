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
