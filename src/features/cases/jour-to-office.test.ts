// Jour → office (DESIGN.md rule 5), end to end through HTTP and the real engine on a manual
// clock: a case Sydostjouren kvitterar on a Friday night reaches Nacka's office intake when it
// opens on Monday, exactly once even with two engines; the office's own clock runs from the
// opening and climbs when nobody kvitterar; after the office's kvittens the jour reads only its
// own entries, and nothing at all once the case is closed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import { queryRows } from '../../db/query-rows.ts';
import { auditLog, caseEvents, caseHandovers, deadlines, disclosures, outbox } from '../../db/schema.ts';
import { legalGrounds } from '../../domain/disclosures.ts';
import { findUserByUsername, toActor } from '../auth/queries.ts';
import { ManualClock } from '../../jobs/clock-source.ts';
import type { Engine } from '../../jobs/engine.ts';
import { createEngine } from '../../jobs/start-engine.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { testPersonnummer, validReport } from '../../test/reports.ts';

const FRIDAY_NIGHT = new Date('2026-11-27T23:00:00+01:00');
const MONDAY_0800 = new Date('2026-11-30T08:00:00+01:00');
const min = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);
let now = FRIDAY_NIGHT;
let t: TestApp;
let engine: Engine;
let second: Engine;
const as: Record<string, AsUser> = {};

before(async () => {
  t = await buildTestApp({}, () => now);
  engine = createEngine(t.app, { clock: new ManualClock(FRIDAY_NIGHT), databaseUrl: null, instanceId: 'engine-a' });
  second = createEngine(t.app, { clock: new ManualClock(FRIDAY_NIGHT), databaseUrl: null, instanceId: 'engine-b' });
  for (const name of ['polis', 'hub', 'sydost', 'nacka', 'solna', 'revisor']) as[name] = await logInAs(t.app, name);
});
after(() => t.close());

const db = () => t.testDb.database.db;
let filed = 0;

/** A Nacka child's report at Friday 23:00, handed over to Sydostjouren and kvitterad by it. */
async function nightCaseKvitteradByJour(): Promise<string> {
  now = FRIDAY_NIGHT;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: as.polis!.cookie, 'x-csrf-token': as.polis!.csrf, 'idempotency-key': `jour-office-${filed}-${process.pid}` },
    payload: validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(5000 + filed++) } }),
  });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().id as string;
  const step = async (user: string, path: string, body: unknown = {}) => {
    const r = await as[user]!.request('POST', `/api/v1/cases/${id}/${path}`, body);
    assert.ok(r.statusCode < 300, `${user} ${path}: ${r.statusCode} ${r.body}`);
    return r;
  };
  await step('hub', 'claim');
  const decided = await step('hub', 'decision');
  assert.equal(decided.json().handover.orgId, 'jour-sydost', 'at night Nacka’s cases go to Sydostjouren');
  now = min(FRIDAY_NIGHT, 20);
  await step('sydost', 'acknowledge');
  return id;
}

const officePasses = (id: string) => db().select().from(disclosures).where(and(eq(disclosures.caseId, id), eq(disclosures.kind, 'office_pass')));
const passNotes = (id: string) => db().select().from(outbox).where(sql`${outbox.topic} = 'case.passed_to_office' and ${outbox.dedupeKey} like ${`case.passed_to_office:${id}%`}`);
const get = (user: string, id: string) => as[user]!.request('GET', `/api/v1/cases/${id}`);
const events = (id: string, type: string) => db().select().from(caseEvents).where(and(eq(caseEvents.caseId, id), eq(caseEvents.type, type)));
const officeClock = async (id: string) =>
  (await db().select().from(deadlines).where(and(eq(deadlines.caseId, id), eq(deadlines.clock, 'office_acknowledge')))).at(0);

describe('the pass to the office', () => {
  test('is scheduled for when the office opens, and happens then, not before', async () => {
    const id = await nightCaseKvitteradByJour();
    const [office] = await db().select().from(caseHandovers).where(and(eq(caseHandovers.caseId, id), eq(caseHandovers.kind, 'office')));
    assert.equal(office!.orgId, 'intake-0182');
    assert.equal(office!.passAt.toISOString(), MONDAY_0800.toISOString());
    const jourView = (await get('sydost', id)).json();
    assert.match(jourView.fromJour.officeName, /Nacka/);
    assert.equal(jourView.fromJour.passAt, MONDAY_0800.toISOString());
    assert.equal(jourView.fromJour.passedAt, null);

    await engine.runOnce(new Date('2026-11-28T12:00:00+01:00'));
    await engine.runOnce(min(MONDAY_0800, -1));
    assert.equal((await events(id, 'pass_to_office')).length, 0, 'not before the office opens');
    assert.equal(await officeClock(id), undefined);
    assert.equal((await officePasses(id)).length, 0, 'nothing disclosed before the pass');
    // The office cannot kvittera what has not reached it.
    now = min(MONDAY_0800, -1);
    assert.equal((await as.nacka!.request('POST', `/api/v1/cases/${id}/acknowledge-from-jour`, {})).statusCode, 409);

    now = MONDAY_0800;
    await engine.runOnce(MONDAY_0800);
    const [passed] = await events(id, 'pass_to_office');
    assert.ok(passed, 'passed at 08:00');
    assert.equal(passed.data.officeOrgId, 'intake-0182');
    assert.equal(passed.data.jourOrgId, 'jour-sydost');
    // The pass is a disclosure from the jour group to the office, by the engine, on the handover's ground.
    const [disclosed, ...moreDisclosed] = await officePasses(id);
    assert.equal(moreDisclosed.length, 0);
    assert.deepEqual([disclosed!.fromOrgId, disclosed!.fromName, disclosed!.toOrgId], ['jour-sydost', 'Sydostjouren', 'intake-0182']);
    assert.equal(disclosed!.legalGround, legalGrounds.agreement);
    assert.deepEqual([disclosed!.actorUserId, disclosed!.actorRole], [null, null], 'the engine, no user');
    assert.equal(disclosed!.at.toISOString(), MONDAY_0800.toISOString());
    for (const f of ['case.number', 'child.identityNumber', 'concern', 'decision.reasons']) assert.ok(disclosed!.fields.includes(f), f);
    assert.match(disclosed!.personRef!, /^[0-9a-f]{32}$/, 'findable by the child');
    // The auditor's export names the pass in words, by the engine ("Systemet"), not by a user.
    const csv = await as.revisor!.request('POST', '/api/v1/disclosures/export.csv', { organisationId: 'jour-sydost' });
    assert.equal(csv.statusCode, 200, csv.body);
    const line = csv.body.split('\r\n').find((l) => l.includes('Från jouren till kommunens mottagning') && l.includes(disclosed!.caseNumber));
    assert.ok(line?.includes(';Sydostjouren;') && line.includes(';Systemet;'), line);
    const clock = await officeClock(id);
    assert.equal(clock!.startedAt.toISOString(), MONDAY_0800.toISOString(), 'the office’s own clock runs from the opening');
    assert.equal(clock!.dueAt.toISOString(), min(MONDAY_0800, 60).toISOString());
    assert.equal(clock!.policyId, 'default-office_acknowledge');
    const notes = await passNotes(id);
    assert.ok(notes.some((n) => n.channel === 'sse' && n.recipient.orgId === 'intake-0182'), 'the office intake is told');
    assert.ok(notes.some((n) => n.channel === 'sse' && n.recipient.orgId === 'jour-sydost'), 'and the jour');
    assert.ok(notes.every((n) => !JSON.stringify(n.payload).includes('Testbarn')), 'no personal data in the notification');

    // The office's incoming list: marked as from the jour, passed, awaiting its kvittens.
    const list = (await as.nacka!.request('GET', '/api/v1/cases?status=open&limit=200')).json().cases as { id: string; fromJour: { passedAt: string | null; officeAcknowledgedAt: string | null; jourName: string } | null }[];
    const listed = list.find((c) => c.id === id)!;
    assert.equal(listed.fromJour!.jourName, 'Sydostjouren');
    assert.equal(listed.fromJour!.passedAt, MONDAY_0800.toISOString());
    assert.equal(listed.fromJour!.officeAcknowledgedAt, null);
    const officeView = (await get('nacka', id)).json();
    assert.ok(officeView.allowedActions.includes('acknowledge_from_jour'));
    assert.ok(officeView.timeline.some((e: { type: string }) => e.type === 'pass_to_office'));
  });

  test('happens exactly once when two engines run the same cycle', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await nightCaseKvitteradByJour());
    const results = await Promise.all([engine.runOnce(MONDAY_0800), second.runOnce(MONDAY_0800), engine.runOnce(min(MONDAY_0800, 1))]);
    assert.ok(results.reduce((n, r) => n + r.handovers, 0) >= ids.length);
    for (const id of ids) {
      assert.equal((await events(id, 'pass_to_office')).length, 1, `one pass of ${id}`);
      assert.equal((await db().select().from(deadlines).where(and(eq(deadlines.caseId, id), eq(deadlines.clock, 'office_acknowledge')))).length, 1, 'one office clock');
      const passes = await db().select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'case.passed_to_office')));
      assert.equal(passes.length, 1, 'one audit row');
      assert.equal((await officePasses(id)).length, 1, 'one disclosure');
      const notes = await passNotes(id);
      assert.equal(notes.filter((n) => n.channel === 'sse' && n.recipient.orgId === 'intake-0182').length, 1, 'the office is told once');
    }
  });

  test('when the office’s calendar changes after the jour’s kvittens, the case passes when it actually opens', async () => {
    const id = await nightCaseKvitteradByJour();
    const admin = await logInAs(t.app, 'admin');
    const directory = (await admin.request('GET', '/api/v1/directory')).json() as { organisations: { orgId: string; hours: Record<string, unknown> }[] };
    const hours = directory.organisations.find((o) => o.orgId === 'intake-0182')!.hours;
    const closedMonday = { ...hours, exceptions: [{ date: '2026-11-30', ranges: [], note: 'Planeringsdag' }] };
    const set = await admin.request('PUT', '/api/v1/directory/organisations/intake-0182/hours', { hours: closedMonday, reason: 'Planeringsdag måndag' });
    assert.equal(set.statusCode, 204, set.body);
    try {
      await engine.runOnce(MONDAY_0800);
      assert.equal((await events(id, 'pass_to_office')).length, 0, 'not on the closed Monday');
      const [row] = await db().select().from(caseHandovers).where(and(eq(caseHandovers.caseId, id), eq(caseHandovers.kind, 'office')));
      const tuesday = new Date('2026-12-01T08:00:00+01:00');
      assert.equal(row!.passAt.toISOString(), tuesday.toISOString(), 'moved to Tuesday 08:00');
      await engine.runOnce(tuesday);
      assert.equal((await events(id, 'pass_to_office')).length, 1);
      assert.equal((await officeClock(id))!.startedAt.toISOString(), tuesday.toISOString());
    } finally {
      const back = await admin.request('PUT', '/api/v1/directory/organisations/intake-0182/hours', { hours, reason: 'Tillbaka' });
      assert.equal(back.statusCode, 204, back.body);
    }
  });

  test('an engine that was down at the opening passes the case as of the opening, and its late clock alerts in the same cycle', async () => {
    const id = await nightCaseKvitteradByJour();
    const evening = new Date('2026-11-30T17:30:00+01:00'); // the office has closed again
    await engine.runOnce(evening);
    assert.equal((await events(id, 'pass_to_office')).length, 1, 'passed, not moved to Tuesday');
    const clock = await officeClock(id);
    assert.equal(clock!.startedAt.toISOString(), MONDAY_0800.toISOString(), 'counted from the opening it missed');
    assert.ok(clock!.breachedAt, 'already overdue');
    const alerts = await db().select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'deadline.escalated')));
    assert.ok(alerts.some((a) => a.details.clock === 'office_acknowledge'), 'escalated within the same engine cycle');
  });

  test('a case closed before the office opens is not passed', async () => {
    const id = await nightCaseKvitteradByJour();
    now = min(FRIDAY_NIGHT, 30);
    for (const [path, body] of [
      ['skyddsbedomning', { assessedAt: now.toISOString(), outcome: 'no_immediate_protection_needed', measures: '' }],
      ['forhandsbedomning', { decision: 'inte_inleda', decidedOn: '2026-11-28', note: '' }],
      ['feedback', { withheld: false, message: 'Klart.' }],
      ['close', {}],
    ] as const) {
      const r = await as.sydost!.request('POST', `/api/v1/cases/${id}/${path}`, body);
      assert.equal(r.statusCode, 200, `${path}: ${r.body}`);
    }
    await engine.runOnce(MONDAY_0800);
    assert.equal((await events(id, 'pass_to_office')).length, 0);
    assert.equal(await officeClock(id), undefined);
  });
});

describe('the office’s own clock', () => {
  test('climbs when the office does not kvittera, and stops at its kvittens', async () => {
    const id = await nightCaseKvitteradByJour();
    await engine.runOnce(MONDAY_0800);
    const climbed = async () =>
      (await db().select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'deadline.escalated')))).filter((e) => e.details.clock === 'office_acknowledge');
    await engine.runOnce(min(MONDAY_0800, 59));
    assert.equal((await climbed()).length, 0);
    // The demo has no manager for Nacka: that step is skipped (and audited) and the hub
    // supervisor is alerted at once instead of half an hour later.
    await engine.runOnce(min(MONDAY_0800, 60));
    assert.deepEqual((await climbed()).map((e) => e.details.target), ['hub_supervisor']);
    const skipped = await db().select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'deadline.step_skipped')));
    assert.ok(skipped.some((e) => e.details.clock === 'office_acknowledge' && e.details.target === 'municipality_manager'));
    await engine.runOnce(min(MONDAY_0800, 90));
    assert.equal((await climbed()).length, 1);

    now = min(MONDAY_0800, 95);
    const ack = await as.nacka!.request('POST', `/api/v1/cases/${id}/acknowledge-from-jour`, {});
    assert.equal(ack.statusCode, 200, ack.body);
    assert.equal(ack.json().fromJour.officeAcknowledgedAt, now.toISOString());
    assert.ok(ack.json().timeline.some((e: { type: string }) => e.type === 'acknowledge_from_jour'));
    const clock = await officeClock(id);
    assert.ok(clock!.stoppedAt, 'stopped at the office’s kvittens');
    await engine.runOnce(min(MONDAY_0800, 240));
    assert.equal((await climbed()).length, 1, 'no further escalation');
    // Twice is refused, with its reason.
    const again = await as.nacka!.request('POST', `/api/v1/cases/${id}/acknowledge-from-jour`, {});
    assert.equal(again.statusCode, 409);
  });
});

describe('the jour after the office’s kvittens', () => {
  test('reads its own entries only, cannot act, and loses the case when it closes', async () => {
    const id = await nightCaseKvitteradByJour();
    now = min(FRIDAY_NIGHT, 40);
    const skydd = await as.sydost!.request('POST', `/api/v1/cases/${id}/skyddsbedomning`, {
      assessedAt: now.toISOString(),
      outcome: 'no_immediate_protection_needed',
      measures: 'Barnet hos mamma över natten.',
    });
    assert.equal(skydd.statusCode, 200, skydd.body);
    const jourNote = (await as.sydost!.request('POST', `/api/v1/cases/${id}/messages`, { kind: 'note', body: 'Jouren pratade med mamma.' })).json().id as string;
    const hubNote = (await as.hub!.request('POST', `/api/v1/cases/${id}/messages`, { kind: 'note', body: 'Socialjourens anteckning.' })).json().id as string;
    now = MONDAY_0800;
    await engine.runOnce(MONDAY_0800);

    // Passed but not yet kvitterat by the office: the jour still works the case as before.
    const before = (await get('sydost', id)).json();
    assert.equal(before.ownEntriesOnly, false);
    assert.ok(before.report, 'the jour still has the whole case');

    now = min(MONDAY_0800, 10);
    assert.equal((await as.sydost!.request('POST', `/api/v1/cases/${id}/acknowledge-from-jour`, {})).statusCode, 403, 'only the office kvitterar from the jour');
    assert.equal((await as.nacka!.request('POST', `/api/v1/cases/${id}/acknowledge-from-jour`, {})).statusCode, 200);
    const officeNote = (await as.nacka!.request('POST', `/api/v1/cases/${id}/messages`, { kind: 'note', body: 'Mottagningens anteckning.' })).json().id as string;

    const view = (await get('sydost', id)).json();
    assert.equal(view.ownEntriesOnly, true);
    assert.equal(view.report, null, 'not the report');
    assert.equal(view.routing, null);
    assert.equal(view.residenceCode, null);
    assert.equal(view.ageAtReceipt, null);
    assert.equal(view.clocks, undefined);
    assert.deepEqual(view.allowedActions, []);
    assert.deepEqual(view.messages.map((m: { id: string }) => m.id), [jourNote], 'its own note, not the hub’s or the office’s');
    assert.equal(view.skyddsbedomning.measures, 'Barnet hos mamma över natten.', 'its own skyddsbedömning');
    assert.equal(view.handover.acceptedByOrgId, 'jour-sydost', 'its own kvittens');
    assert.equal(view.fromJour.officeAcknowledgedAt, min(MONDAY_0800, 10).toISOString(), 'kvitterad by the office');
    assert.ok(view.timeline.some((e: { type: string }) => e.type === 'pass_to_office'));
    assert.ok(view.timeline.some((e: { type: string }) => e.type === 'acknowledge_from_jour'));
    assert.ok(view.timeline.every((e: { type: string; actorName: string | null }) => e.type !== 'claim'), 'not the hub’s part of the timeline');
    assert.ok(!JSON.stringify(view).includes('Testbarn'), 'no trace of the report');
    void hubNote;
    void officeNote;
    // It reads, it no longer writes.
    assert.equal((await as.sydost!.request('POST', `/api/v1/cases/${id}/messages`, { kind: 'note', body: 'Till' })).statusCode, 403);
    assert.equal((await as.sydost!.request('POST', `/api/v1/cases/${id}/forhandsbedomning`, { decision: 'inte_inleda', decidedOn: '2026-11-30', note: '' })).statusCode, 403);
    // In its list, narrowed the same way.
    const listed = ((await as.sydost!.request('GET', '/api/v1/cases?status=open&limit=200')).json().cases as { id: string; ownEntriesOnly: boolean; ageAtReceipt: number | null }[]).find((c) => c.id === id)!;
    assert.equal(listed.ownEntriesOnly, true);
    assert.equal(listed.ageAtReceipt, null);
    // The office has the whole case.
    const office = (await get('nacka', id)).json();
    assert.ok(office.report);
    assert.equal(office.ownEntriesOnly, false);

    // The office finishes and closes: the jour loses the case, in the application and in the database.
    for (const [path, body] of [
      ['forhandsbedomning', { decision: 'inte_inleda', decidedOn: '2026-11-30', note: '' }],
      ['feedback', { withheld: false, message: 'Utredning inleds inte.' }],
      ['close', {}],
    ] as const) {
      const r = await as.nacka!.request('POST', `/api/v1/cases/${id}/${path}`, body);
      assert.equal(r.statusCode, 200, `${path}: ${r.body}`);
    }
    assert.equal((await get('sydost', id)).statusCode, 404);
    const all = (await as.sydost!.request('GET', '/api/v1/cases?status=all&limit=200')).json().cases as { id: string }[];
    assert.ok(!all.some((c) => c.id === id), 'not listed either');
    const found = await findUserByUsername(db(), 'sydost');
    const rows = await withActorTransaction(db(), toActor(found!.user, found!.org), (tx) => queryRows<{ id: string }>(tx, sql`select id from cases where id = ${id}`));
    assert.equal(rows.length, 0, 'row-level security hides it too');
    const handovers = await db().select().from(caseHandovers).where(and(eq(caseHandovers.caseId, id), isNull(caseHandovers.endedAt)));
    assert.equal(handovers.length, 0, 'the handovers are ended');
    // Reopening does not give it back.
    now = min(MONDAY_0800, 60);
    assert.equal((await as.nacka!.request('POST', `/api/v1/cases/${id}/reopen`, { reason: 'Ny uppgift' })).statusCode, 200);
    assert.equal((await get('sydost', id)).statusCode, 404);
    assert.equal((await get('nacka', id)).statusCode, 200);
  });

  test('another municipality and the police never see the jour’s handover record', async () => {
    const id = await nightCaseKvitteradByJour();
    await engine.runOnce(MONDAY_0800);
    assert.equal((await get('solna', id)).statusCode, 404);
    const police = (await get('polis', id)).json();
    assert.ok(!police.timeline.some((e: { type: string }) => e.type === 'pass_to_office'), 'not on the police timeline');
    assert.equal(police.fromJour, null, 'nor in the police’s view of the case');
    const hub = (await get('hub', id)).json();
    assert.equal(hub.fromJour.jourName, 'Sydostjouren', 'the hub sees where the case it handed over went');
  });
});
