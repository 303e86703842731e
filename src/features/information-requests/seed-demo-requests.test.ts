// The demo's information requests: one in every state, made through the real API; seeding twice adds nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { informationRequests } from '../../db/schema.ts';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { seedDemoRequests } from './seed-demo-requests.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp({}, () => new Date('2026-03-03T10:00:00+01:00'));
});
after(() => t.close());

test('the demo seed has requests in each state, once', async () => {
  assert.equal(await seedDemoRequests(t.app), 6);
  const rows = await t.testDb.database.db.select().from(informationRequests);
  assert.deepEqual([...new Set(rows.map((r) => r.state))].sort(), ['answered', 'declined', 'received', 'sent', 'withdrawn']);
  assert.ok(rows.some((r) => r.askingOrgId === 'sis'), 'SiS asks too');
  assert.equal(await seedDemoRequests(t.app), 0);
  assert.equal((await t.testDb.database.db.select().from(informationRequests)).length, rows.length);
});
