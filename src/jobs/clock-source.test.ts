// One clock: what the server writes is stamped with the clock it was given, never the system's.
// A request reads the app's clock (deps.clock) and an engine cycle its own `now`, down to the
// audit rows written deep inside them; outside both, now() is the system's time.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, deadlines } from '../db/schema.ts';
import { buildTestApp, logInAs, type TestApp } from '../test/app.ts';
import { validReport } from '../test/reports.ts';
import { now, withClock } from './clock-source.ts';
import { createEngine } from './start-engine.ts';

// Far from the real time, so a timestamp taken from the system could not pass for it.
const T0 = new Date('2031-03-30T00:30:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe('now()', () => {
  test('is the clock of the withClock it runs in, across awaits, and the system outside any', async () => {
    const fixed = { now: () => T0 };
    const seen = await withClock(fixed, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return now();
    });
    assert.equal(seen.toISOString(), T0.toISOString());
    assert.ok(Math.abs(now().getTime() - Date.now()) < 5_000);
  });
});

describe('the app and the engine stamp with their clock', () => {
  let t: TestApp;
  let current = T0;
  before(async () => {
    t = await buildTestApp({}, () => current);
  });
  after(() => t.close());

  test('a filed report, its clocks and the escalation of a passed deadline carry the injected time', async () => {
    const polis = await logInAs(t.app, 'polis');
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': 'one-clock-0001' },
      payload: validReport(),
    });
    assert.equal(filed.statusCode, 201, filed.body);
    const { id } = filed.json() as { id: string };
    const db = t.testDb.database.db;
    const rows = await db.select().from(auditLog).where(eq(auditLog.subjectId, id)).orderBy(auditLog.id);
    assert.ok(rows.some((r) => r.action === 'deadline.started'));
    assert.deepEqual([...new Set(rows.map((r) => r.at.toISOString()))], [T0.toISOString()], 'every audit row of the filing is at the app clock');

    // The engine, ticked 20 minutes later, fires the claim clock; its audit rows are at the cycle's time.
    current = at(20);
    const engine = createEngine(t.app, { clock: { now: () => current }, databaseUrl: null });
    assert.ok((await engine.runOnce(at(20))).deadlines > 0);
    const breached = await db.select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'deadline.breached')));
    assert.ok(breached.length > 0);
    for (const r of breached) assert.equal(r.at.toISOString(), at(20).toISOString());
    const [claim] = await db.select().from(deadlines).where(and(eq(deadlines.caseId, id), eq(deadlines.clock, 'claim')));
    assert.equal(claim!.breachedAt?.toISOString(), at(20).toISOString());
  });
});
