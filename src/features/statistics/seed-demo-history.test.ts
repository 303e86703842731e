// The demo history: fictional fact rows for the six months before today, so a newcomer's
// dashboard shows charts on the first start. Facts only (no case, no person), every id in the demo
// range, the same rows on every run (idempotent), and figures the dashboard shows, not all "<5".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { count, sql } from 'drizzle-orm';
import { caseFacts, cases } from '../../db/schema.ts';
import { buildTestApp, logInAs, type TestApp } from '../../test/app.ts';
import { DEMO_FACT_PREFIX, seedDemoHistory } from './seed-demo-history.ts';

const now = new Date('2026-12-07T10:00:00+01:00');
let t: TestApp;
before(async () => {
  t = await buildTestApp({}, () => now);
});
after(() => t.close());

test('six past months of demo facts, idempotent, shown on the dashboard', async () => {
  const db = t.testDb.database.db;
  const added = await seedDemoHistory(db, now);
  assert.ok(added >= 6 * 60, `${added} rows`);
  assert.equal(await seedDemoHistory(db, now), 0, 'seeding again adds nothing');
  const [demo] = await db.select({ n: count() }).from(caseFacts).where(sql`${caseFacts.caseId}::text like ${`${DEMO_FACT_PREFIX}%`}`);
  const [all] = await db.select({ n: count() }).from(caseFacts);
  assert.equal(demo!.n, added, 'every row in the demo range');
  assert.equal(all!.n, added);
  assert.equal((await db.select({ n: count() }).from(cases))[0]!.n, 0, 'facts only: no case, nobody');

  const analyst = await logInAs(t.app, 'analytiker');
  const res = await analyst.request('GET', '/api/v1/statistics?from=2026-11&to=2026-11&municipality=0180');
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.ok(body.county.total.value >= 60, body.county.total.display);
  assert.ok(body.municipality.report.total.value >= 5, 'Stockholm has shown figures of its own');
  assert.notEqual(body.county.durations.report_to_kvittens.median, null, 'the pilot’s delay is there to see');
  assert.ok(body.county.byHour.rows.some((r: { count: { value: number | null } }) => (r.count.value ?? 0) >= 5));
  const june = (await analyst.request('GET', '/api/v1/statistics?from=2026-06&to=2026-06')).json();
  assert.ok(june.county.total.value >= 60, 'June, the sixth month back');
  const may = (await analyst.request('GET', '/api/v1/statistics?from=2026-05&to=2026-05')).json();
  assert.equal(may.county.total.display, '0', 'no further back');
});
