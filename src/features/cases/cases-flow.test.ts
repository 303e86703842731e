// The whole life of a report through HTTP against a real database: police report at 23:00 on a
// Friday (midsommarafton), hub claims, calls the jour, no answer, next contact, handover
// acknowledged, skyddsbedömning, förhandsbedömning, feedback, close. Every step's audit row and
// timeline event is checked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, caseEvents, deadlines, outbox } from '../../db/schema.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { TEST_CHILD_PNR, validReport } from '../../test/reports.ts';

let now = new Date('2026-06-19T23:00:00+02:00');
let t: TestApp;
let polis: AsUser, hub: AsUser, sydost: AsUser, nacka: AsUser, solna: AsUser, admin: AsUser;

before(async () => {
  t = await buildTestApp({}, () => now);
  polis = await logInAs(t.app, 'polis');
  hub = await logInAs(t.app, 'hub');
  sydost = await logInAs(t.app, 'sydost');
  nacka = await logInAs(t.app, 'nacka');
  solna = await logInAs(t.app, 'solna');
  admin = await logInAs(t.app, 'admin');
});
after(() => t.close());

function submit(user: AsUser, key: string, body: unknown) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: user.cookie, 'x-csrf-token': user.csrf, 'idempotency-key': key },
    payload: body as object,
  });
}

/** The latest audit row of the case with this action (written in the same transaction as the change). */
async function auditRow(caseId: string, action: string) {
  const [row] = await t.testDb.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, caseId), eq(auditLog.action, action)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  assert.ok(row, `no audit row ${action}`);
  return row;
}

async function clocks(caseId: string) {
  return t.testDb.database.db.select().from(deadlines).where(eq(deadlines.caseId, caseId));
}

describe('the happy path, Friday 23:00 on midsommarafton', () => {
  let id = '';

  test('police file the report: 201 with a human number and the expected contact', async () => {
    const res = await submit(polis, 'roc-2026-06-19-0001', validReport());
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.match(body.number, /^ENV-2026-\d{6}$/);
    assert.equal(body.status, 'received');
    assert.equal(body.created, true);
    assert.deepEqual(body.expectedContact, { municipality: 'Nacka', orgName: 'Sydostjouren' });
    id = body.id;
    const audit = await auditRow(id, 'case.received');
    assert.ok(audit.details.person, 'the audit row references the person by keyed hash');
    assert.doesNotMatch(JSON.stringify(audit.details), new RegExp(TEST_CHILD_PNR.slice(2)), 'never the number itself');
    const [claimClock] = await clocks(id);
    assert.equal(claimClock!.clock, 'claim');
    assert.equal(claimClock!.dueAt.toISOString(), '2026-06-19T21:10:00.000Z', 'the hub has 10 minutes to claim');
    const notes = await t.testDb.database.db.select().from(outbox).where(eq(outbox.topic, 'case.reported'));
    assert.ok(notes.some((n) => n.channel === 'sse' && (n.recipient as { orgId?: string }).orgId === 'hub'));
    assert.ok(notes.every((n) => !JSON.stringify(n.payload).includes(TEST_CHILD_PNR.slice(2, 8))), 'no personal data in notifications');
  });

  test('the same Idempotency-Key returns the same case; a different report on it is a conflict', async () => {
    const again = await submit(polis, 'roc-2026-06-19-0001', validReport());
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, id);
    assert.equal(again.json().created, false);
    const other = await submit(polis, 'roc-2026-06-19-0001', validReport({ urgency: 'today' }));
    assert.equal(other.statusCode, 409);
    const missing = await submit(polis, '', validReport());
    assert.equal(missing.statusCode, 400);
  });

  test('the hub sees it in the queue and claims it; a second claim gets a clear 409', async () => {
    const queue = (await hub.request('GET', '/api/v1/cases')).json();
    assert.ok(queue.cases.some((c: { id: string }) => c.id === id));
    const claimed = await hub.request('POST', `/api/v1/cases/${id}/claim`, {});
    assert.equal(claimed.statusCode, 200, claimed.body);
    assert.equal(claimed.json().status, 'triage');
    assert.equal(claimed.json().assignedToMe, true);
    const hubchef = await logInAs(t.app, 'hubchef');
    const second = await hubchef.request('POST', `/api/v1/cases/${id}/claim`, {});
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().code, 'CONFLICT');
    assert.match(second.json().detail, /redan tagits/);
  });

  test('the decision: agreement basis, handover to Nacka; call Sydostjouren now', async () => {
    const res = await hub.request('POST', `/api/v1/cases/${id}/decision`, {});
    assert.equal(res.statusCode, 200, res.body);
    const c = res.json();
    assert.equal(c.status, 'handover_pending');
    assert.equal(c.basis, 'agreement');
    assert.equal(c.responsibleMunicipalityCode, '0182');
    assert.equal(c.routing.agreement.dnr, 'SOCN-2024-00067');
    assert.ok(c.routing.reasons.length > 3);
    assert.equal(c.callNow.contact.orgName, 'Sydostjouren');
    assert.equal(c.callNow.contact.label, 'Jourtelefon');
    assert.ok(!c.allowedActions.includes('record_skyddsbedomning'), 'rule 4: the hub is not offered assessments');
  });

  test('no answer on the jour phone: call now moves to the next contact', async () => {
    const first = (await hub.request('GET', `/api/v1/cases/${id}`)).json().callNow.contact;
    now = new Date('2026-06-19T23:05:00+02:00');
    const res = await hub.request('POST', `/api/v1/cases/${id}/contact-attempts`, {
      orgId: first.orgId, orgName: first.orgName, label: first.label, phone: first.phone, outcome: 'no_answer',
    });
    assert.equal(res.statusCode, 200, res.body);
    const c = res.json();
    assert.equal(c.contactAttempts.length, 1);
    assert.equal(c.callNow.contact.label, 'Jourchef');
    assert.notEqual(c.callNow.contact.phone, first.phone);
  });

  test('the jour sees the pending case and acknowledges (kvittens); the hub may not record assessments', async () => {
    const list = (await sydost.request('GET', '/api/v1/cases')).json();
    assert.ok(list.cases.some((c: { id: string }) => c.id === id));
    now = new Date('2026-06-19T23:09:00+02:00');
    const ack = await sydost.request('POST', `/api/v1/cases/${id}/acknowledge`, {});
    assert.equal(ack.statusCode, 200, ack.body);
    assert.equal(ack.json().status, 'accepted');
    await auditRow(id, 'case.acknowledge');
    const running = (await clocks(id)).filter((c) => !c.stoppedAt).map((c) => c.clock).sort();
    assert.deepEqual(running, ['forhandsbedomning', 'skyddsbedomning'], 'kvittens stops the acknowledge clock and starts the assessment clocks');
    const hubTry = await hub.request('POST', `/api/v1/cases/${id}/skyddsbedomning`, {
      assessedAt: '2026-06-19T23:30:00+02:00', outcome: 'no_immediate_protection_needed', measures: '',
    });
    assert.equal(hubTry.statusCode, 403);
    assert.match(hubTry.json().detail, /klargör men gör inte skydds/);
  });

  test('Nacka records skyddsbedömning, förhandsbedömning and feedback; the police see the feedback', async () => {
    now = new Date('2026-06-19T23:40:00+02:00');
    const early = await nacka.request('POST', `/api/v1/cases/${id}/forhandsbedomning`, { decision: 'inleda_utredning', decidedOn: '2026-06-22', note: '' });
    assert.equal(early.statusCode, 409, 'förhandsbedömning before skyddsbedömning is refused');
    const skydd = await nacka.request('POST', `/api/v1/cases/${id}/skyddsbedomning`, {
      assessedAt: '2026-06-19T23:35:00+02:00', outcome: 'immediate_protection_needed', measures: 'Placerad hos anhörig över natten.',
    });
    assert.equal(skydd.statusCode, 200, skydd.body);
    now = new Date('2026-06-22T10:00:00+02:00');
    const forhand = await nacka.request('POST', `/api/v1/cases/${id}/forhandsbedomning`, { decision: 'inleda_utredning', decidedOn: '2026-06-22', note: '' });
    assert.equal(forhand.statusCode, 200, forhand.body);
    const premature = await nacka.request('POST', `/api/v1/cases/${id}/close`, {});
    assert.equal(premature.statusCode, 409, 'no closing before feedback');
    const fb = await nacka.request('POST', `/api/v1/cases/${id}/feedback`, { withheld: false, message: 'Utredning är inledd.' });
    assert.equal(fb.statusCode, 200, fb.body);
    const police = (await polis.request('GET', `/api/v1/cases/${id}`)).json();
    assert.deepEqual(police.feedback, { withheld: false, investigation: 'inleda_utredning', message: 'Utredning är inledd.' });
    assert.equal(police.skyddsbedomning, undefined, 'the police do not see the assessments');
    assert.equal(police.routing, null);
    const closed = await nacka.request('POST', `/api/v1/cases/${id}/close`, {});
    assert.equal(closed.statusCode, 200);
    assert.equal(closed.json().status, 'closed');
    assert.deepEqual((await clocks(id)).filter((c) => !c.stoppedAt), [], 'no clock runs on a closed case');
  });

  test('the timeline holds every step in order, with actor and time', async () => {
    const c = (await nacka.request('GET', `/api/v1/cases/${id}`)).json();
    assert.deepEqual(
      c.timeline.map((e: { type: string }) => e.type),
      ['receive', 'claim', 'decide', 'log_contact_attempt', 'acknowledge', 'record_skyddsbedomning', 'record_forhandsbedomning', 'send_feedback', 'close'],
    );
    assert.ok(c.timeline.every((e: { actorName: string | null }) => e.actorName));
    const events = await t.testDb.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
    assert.equal(events.length, 9);
  });

  test('other organisations cannot see the case: 404, not 403', async () => {
    for (const user of [solna, admin]) {
      const res = await user.request('GET', `/api/v1/cases/${id}`);
      assert.equal(res.statusCode, 404, res.body);
    }
    const solnaList = (await solna.request('GET', '/api/v1/cases?status=all')).json();
    assert.equal(solnaList.cases.length, 0);
    assert.equal((await admin.request('GET', '/api/v1/cases')).statusCode, 403);
  });
});
