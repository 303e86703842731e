// The named risk of the whole pilot, end to end: a handed-over case that nobody acknowledges
// climbs its escalation chain, and kvittens stops the climb. Real case transitions through HTTP,
// the real engine ticked with a manual clock.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, outbox } from '../../db/schema.ts';
import { ManualClock } from '../../jobs/clock-source.ts';
import type { Engine } from '../../jobs/engine.ts';
import { createEngine } from '../../jobs/start-engine.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { validReport } from '../../test/reports.ts';

const T0 = new Date('2026-06-19T21:00:00Z'); // midsommarafton, 23:00 in Stockholm
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
let now = T0;
let t: TestApp;
let engine: Engine;
let polis: AsUser, hub: AsUser, sydost: AsUser;

before(async () => {
  t = await buildTestApp({}, () => now);
  engine = createEngine(t.app, { clock: new ManualClock(T0), databaseUrl: null });
  polis = await logInAs(t.app, 'polis');
  hub = await logInAs(t.app, 'hub');
  sydost = await logInAs(t.app, 'sydost');
});
after(() => t.close());

const db = () => t.testDb.database.db;
const escalations = (caseId: string) =>
  db().select().from(auditLog).where(and(eq(auditLog.subjectId, caseId), eq(auditLog.action, 'deadline.escalated'))).orderBy(auditLog.id);

test('an unclaimed report alerts the hub supervisor; an unacknowledged handover climbs to the next contact and beyond; kvittens stops it', async () => {
  const filed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': 'escalation-0001' },
    payload: validReport(),
  });
  const { id, number } = filed.json() as { id: string; number: string };

  // Nobody claims for ten minutes: the claim clock breaches and the supervisor is alerted.
  await engine.runOnce(at(9));
  assert.equal((await escalations(id)).length, 0);
  await engine.runOnce(at(10));
  const [claimAlarm] = await escalations(id);
  assert.equal(claimAlarm!.details.clock, 'claim');
  assert.equal(claimAlarm!.details.target, 'hub_supervisor');

  now = at(12);
  assert.equal((await hub.request('POST', `/api/v1/cases/${id}/claim`, {})).statusCode, 200);
  const decided = await hub.request('POST', `/api/v1/cases/${id}/decision`, {});
  assert.equal(decided.json().status, 'handover_pending');

  // Thirty minutes without kvittens: the next contact in Nacka's chain is alerted, then the supervisor.
  await engine.runOnce(at(12 + 30));
  const afterAck = (await escalations(id)).filter((e) => e.details.clock === 'acknowledge');
  assert.equal(afterAck.length, 1);
  assert.equal(afterAck[0]!.details.target, 'next_contact');
  await engine.runOnce(at(12 + 40));
  assert.ok((await escalations(id)).some((e) => e.details.clock === 'acknowledge' && e.details.target === 'hub_supervisor'));
  const notes = await db().select().from(outbox).where(sql`${outbox.payload}->>'caseNumber' = ${number}`);
  assert.ok(notes.some((n) => n.topic === 'deadline.escalated'));
  assert.ok(notes.every((n) => !JSON.stringify(n.payload).includes('2382')), 'no personal data in any notification');

  // Kvittens stops the climb: no further escalation of that clock.
  now = at(12 + 45);
  assert.equal((await sydost.request('POST', `/api/v1/cases/${id}/acknowledge`, {})).statusCode, 200);
  const before = (await escalations(id)).length;
  await engine.runOnce(at(12 + 120));
  const later = (await escalations(id)).slice(before);
  assert.ok(later.every((e) => e.details.clock !== 'acknowledge'), 'acknowledging stops the acknowledge clock');
});
