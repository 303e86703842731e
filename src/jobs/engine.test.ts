// The engine with a manual clock (runOnce(now), never sleeping): a claim deadline fires,
// escalates to the hub supervisor, repeats, and stops with stopClock; an empty step falls
// through, audited; pause and resume move the deadline. Runs on PGlite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, deadlines, outbox, users } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { buildCase } from '../test/factories.ts';
import { buildTestApp, type TestApp } from '../test/app.ts';
import { ManualClock } from './clock-source.ts';
import { listClocks, pauseClock, resumeClock, startClock, stopClock } from './clocks.ts';
import type { Engine } from './engine.ts';
import { createEngine } from './start-engine.ts';

const MIN = 60_000;
const T0 = new Date('2026-05-04T08:00:00Z'); // a Monday, 10:00 in Stockholm
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);

let t: TestApp;
let engine: Engine;
let hubchefId: string;

before(async () => {
  t = await buildTestApp();
  engine = createEngine(t.app, { clock: new ManualClock(T0), databaseUrl: null });
  const [u] = await t.testDb.database.db.select().from(users).where(eq(users.username, 'hubchef'));
  hubchefId = u!.id;
});
after(() => t.close());

const db = () => t.testDb.database.db;
const auditsFor = (caseId: string, action: string) =>
  db().select().from(auditLog).where(and(eq(auditLog.subjectId, caseId), eq(auditLog.action, action))).orderBy(auditLog.id);
const outboxFor = (caseNumber: string) => db().select().from(outbox).where(sql`${outbox.payload}->>'caseNumber' = ${caseNumber}`).orderBy(outbox.id);
const clockOf = async (caseId: string) => (await db().select().from(deadlines).where(eq(deadlines.caseId, caseId)))[0]!;

describe('deadline engine (manual clock)', () => {
  test('a claim deadline fires at its due time, escalates to the hub supervisor, repeats, and stops', async () => {
    const kase = await buildCase(db(), { receivedAt: T0 });
    const { deadline, started } = await withTransaction(db(), (tx) => startClock(tx, { caseId: kase.id, clock: 'claim', startedAt: T0, municipalityCode: '0182' }));
    assert.equal(started, true);
    assert.equal(deadline.dueAt.toISOString(), at(10).toISOString());
    // Idempotent: a second start leaves the running clock as it is.
    const again = await withTransaction(db(), (tx) => startClock(tx, { caseId: kase.id, clock: 'claim', startedAt: at(5), municipalityCode: '0182' }));
    assert.equal(again.started, false);
    assert.equal(again.deadline.id, deadline.id);

    assert.equal((await engine.runOnce(at(9))).deadlines, 0);
    // A cycle nudged only by new outbox rows delivers and leaves due deadlines to the poll.
    assert.equal((await engine.runOnce(at(10), 'outbox')).deadlines, 0);
    assert.equal((await engine.runOnce(at(10))).deadlines, 1);
    assert.equal((await auditsFor(kase.id, 'deadline.breached')).length, 1);
    const escalated = await auditsFor(kase.id, 'deadline.escalated');
    assert.equal(escalated.length, 1);
    assert.equal(escalated[0]!.details.target, 'hub_supervisor');
    let rows = await outboxFor(kase.number);
    assert.deepEqual(rows.map((r) => [r.channel, r.recipient]), [['sse', { userId: hubchefId }]]);
    assert.equal(rows[0]!.status, 'sent', 'live events are published in the same cycle');
    assert.match(String(rows[0]!.payload.text), new RegExp(`${kase.number}.*inte tagit|ingen handläggare`));

    assert.equal((await engine.runOnce(at(14))).deadlines, 0, 'nothing between repeats');
    assert.equal((await engine.runOnce(at(15))).deadlines, 1, 'repeat every 5 minutes');
    assert.equal((await auditsFor(kase.id, 'deadline.escalated')).length, 2);
    assert.equal((await auditsFor(kase.id, 'deadline.breached')).length, 1, 'breached once');

    const stopped = await withTransaction(db(), (tx) => stopClock(tx, { caseId: kase.id, clock: 'claim', reason: 'claimed', at: at(17) }));
    assert.ok(stopped?.stoppedAt);
    assert.equal((await engine.runOnce(at(60))).deadlines, 0);
    rows = await outboxFor(kase.number);
    assert.equal(rows.length, 2);

    const [view] = await listClocks(db(), kase.id);
    assert.equal(view!.clock, 'claim');
    assert.equal(view!.step, 2);
    assert.ok(view!.breachedAt);
    assert.deepEqual(view!.history.map((h) => h.action), ['deadline.started', 'deadline.breached', 'deadline.escalated', 'deadline.escalated', 'deadline.stopped']);
    const metrics = await t.app.metrics.metrics();
    assert.match(metrics, /envagin_deadline_breaches_total\{clock="claim",municipality="okänd"\} 1/);
  });

  test('a step whose target reaches nobody falls through to the next step at once, audited', async () => {
    // Nacka has no user with the role municipality.manager, and no municipality means no contact chain.
    const kase = await buildCase(db(), { receivedAt: T0, status: 'handover_pending', responsibleMunicipalityCode: null, handoverOrgId: null });
    await withTransaction(db(), (tx) => startClock(tx, { caseId: kase.id, clock: 'acknowledge', startedAt: T0, municipalityCode: null }));
    await engine.runOnce(at(30));
    const skipped = await auditsFor(kase.id, 'deadline.step_skipped');
    assert.deepEqual(skipped.map((s) => s.details.target), ['next_contact']);
    const escalated = await auditsFor(kase.id, 'deadline.escalated');
    assert.deepEqual(escalated.map((s) => s.details.target), ['hub_supervisor'], 'the hub supervisor is alerted now, not 10 minutes later');
    const [row] = await db().select().from(deadlines).where(eq(deadlines.caseId, kase.id));
    assert.equal(row!.step, 2);
    assert.equal(row!.nextFireAt?.toISOString(), at(50).toISOString(), 'the manager step stays on its own schedule');
    await engine.runOnce(at(50));
    assert.deepEqual((await auditsFor(kase.id, 'deadline.step_skipped')).map((s) => s.details.target), ['next_contact', 'municipality_manager']);
  });

  test('next contact: the acknowledge escalation alerts the unit that answers for the municipality now', async () => {
    const kase = await buildCase(db(), { receivedAt: T0, status: 'handover_pending', responsibleMunicipalityCode: '0184', handoverOrgId: 'intake-0184' });
    await withTransaction(db(), (tx) => startClock(tx, { caseId: kase.id, clock: 'acknowledge', startedAt: T0, municipalityCode: '0184' }));
    await engine.runOnce(at(30));
    const sse = (await outboxFor(kase.number)).filter((r) => r.channel === 'sse');
    assert.deepEqual(sse.map((r) => r.recipient), [{ orgId: 'intake-0184' }], 'office hours: Solna intake is the only one in the chain');
    const email = (await outboxFor(kase.number)).filter((r) => r.channel === 'email');
    assert.deepEqual(email.map((r) => r.recipient), [{ email: 'mottagning@solna.demo.envagin.se', orgId: 'intake-0184' }], 'the unit’s functional mailbox');
    await engine.runOnce(at(50));
    const managers = await auditsFor(kase.id, 'deadline.escalated');
    assert.deepEqual(managers.map((m) => m.details.target), ['next_contact', 'hub_supervisor', 'municipality_manager']);
  });

  test('pause and resume move the deadline by the paused time', async () => {
    const kase = await buildCase(db(), { receivedAt: T0 });
    await withTransaction(db(), (tx) => startClock(tx, { caseId: kase.id, clock: 'clarification', startedAt: T0, municipalityCode: null, subjectId: 'q1' }));
    await withTransaction(db(), (tx) => pauseClock(tx, { caseId: kase.id, clock: 'clarification', subjectId: 'q1', at: at(20) }));
    await engine.runOnce(at(61));
    assert.equal((await clockOf(kase.id)).breachedAt, null, 'a paused clock does not fire');
    const resumed = await withTransaction(db(), (tx) => resumeClock(tx, { caseId: kase.id, clock: 'clarification', subjectId: 'q1', at: at(50) }));
    assert.equal(resumed!.dueAt.toISOString(), at(90).toISOString());
    await engine.runOnce(at(89));
    assert.equal((await clockOf(kase.id)).breachedAt, null);
    await engine.runOnce(at(90));
    assert.equal((await clockOf(kase.id)).breachedAt?.toISOString(), at(90).toISOString());
  });

  test('an explicit due time overrides the policy (information requests)', async () => {
    const kase = await buildCase(db(), { receivedAt: T0 });
    const due = new Date('2026-05-08T15:00:00Z');
    const { deadline } = await withTransaction(db(), (tx) =>
      startClock(tx, { caseId: kase.id, clock: 'information_request', subjectId: 'ir-1', startedAt: T0, municipalityCode: null, dueAt: due }),
    );
    assert.equal(deadline.dueAt.toISOString(), due.toISOString());
  });
});
