// Information requests through HTTP (issue 20), on PGlite and on PostgreSQL (DATABASE_URL): every
// step, the wrong party (403/404), the wrong state (409), bad input (a clear 4xx, nothing stored),
// SiS as a party, and an overdue request escalating exactly once per step.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, caseParties, deadlines, disclosures, informationRequestAnswers, informationRequests, outbox, users } from '../../db/schema.ts';
import { processDueDeadlines } from '../../jobs/claim-deadlines.ts';
import { buildTestApp, fileTestReport, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { buildUser } from '../../test/factories.ts';
import { TEST_CHILD_NAME } from '../../test/reports.ts';

const now = new Date('2026-03-03T10:00:00+01:00');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
let t: TestApp;
const as: Record<string, AsUser> = {};
let caseId = '';
const db = () => t.testDb.database.db;

const riskAsk = { addressedOrgId: 'police-roc', kinds: ['risk_assessment', 'gang_affiliation'], text: 'Finns en aktuell riskbedömning av pojken?', legalGroundId: 'osl-10-18a', urgency: 'normal' };
const riskAnswer = { text: 'Bedömning gjord av ROC.', risk: { level: 'elevated', assessedOn: '2026-03-01', knownAffiliation: 'yes', groupDesignation: 'Nätverk X' } };

before(async () => {
  t = await buildTestApp({}, () => now);
  for (const u of ['polis', 'hub', 'nacka', 'solna', 'sydost', 'admin', 'sis', 'revisor']) as[u] = await logInAs(t.app, u);
  caseId = await fileTestReport(t.app, as.polis!, 'inforeq-0001', '0182');
  for (const [user, step] of [['hub', 'claim'], ['hub', 'decision'], ['nacka', 'acknowledge']] as const) {
    const res = await as[user]!.request('POST', `/api/v1/cases/${caseId}/${step}`, {});
    assert.equal(res.statusCode, 200, res.body);
  }
});
after(() => t.close());

async function send(user: string, body: unknown, id = caseId) {
  return as[user]!.request('POST', `/api/v1/cases/${id}/information-requests`, body);
}
async function stepOn(user: string, requestId: string, step: string, body: unknown = {}) {
  return as[user]!.request('POST', `/api/v1/information-requests/${requestId}/${step}`, body);
}
const countRequests = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(informationRequests))[0]!.n;
const clockOf = async (requestId: string) => (await db().select().from(deadlines).where(eq(deadlines.subjectId, requestId)))[0];

describe('a municipality asks the ROC for a risk assessment', () => {
  let requestId = '';

  test('nacka sends: the request, its clock, the audit row and a notification without personal data', async () => {
    const res = await send('nacka', riskAsk);
    assert.equal(res.statusCode, 201, res.body);
    const dto = res.json();
    requestId = dto.id;
    assert.equal(dto.state, 'sent');
    assert.deepEqual(dto.parts, ['asker']);
    assert.deepEqual(dto.steps, ['withdraw']);
    assert.equal(dto.addressed.orgId, 'police-roc');
    assert.equal(dto.legalGround.citation, '10 kap. 18 a § OSL');
    assert.equal(dto.child, null, 'the social services open the case itself');
    // No deadline given, normal urgency: the policy's three days.
    assert.equal(new Date(dto.deadlineAt).getTime(), later(3 * 24 * 60).getTime());
    const clock = await clockOf(requestId);
    assert.equal(clock?.clock, 'information_request');
    assert.equal(clock?.stoppedAt, null);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'information_request.sent'), eq(auditLog.subjectId, caseId)));
    assert.equal(audit?.details.informationRequestId, requestId);
    assert.ok(typeof audit?.details.person === 'string', 'the keyed person reference, for "who has seen this child"');
    const notes = await db().select().from(outbox).where(eq(outbox.topic, 'information_request.sent'));
    assert.ok(notes.some((n) => n.channel === 'email' && (n.recipient as { email?: string }).email === 'roc.vakthavande@polisen.demo.envagin.se'), 'the ROC’s functional mailbox');
    for (const n of notes) {
      const text = JSON.stringify(n.payload);
      assert.ok(!text.includes('Testbarn') && !text.includes('2382') && !text.includes('riskbedömning av pojken'), text);
    }
  });

  test('only the parties see it: the police as addressee; the hub, other municipalities, SiS and admins do not', async () => {
    const polisInbox = (await as.polis!.request('GET', '/api/v1/information-requests?box=incoming')).json();
    assert.ok(polisInbox.requests.some((r: { id: string }) => r.id === requestId));
    for (const user of ['hub', 'solna', 'sydost', 'sis']) {
      const res = await as[user]!.request('GET', `/api/v1/information-requests/${requestId}`);
      assert.equal(res.statusCode, 404, `${user}: ${res.body}`);
      // Issue 22 item 5: a denied read of a case's request leaves its trace like one of the case (and counts towards a burst).
      const [trace] = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'case.access_denied'), eq(auditLog.subjectId, requestId), eq(auditLog.requestId, res.headers['x-request-id'] as string)));
      assert.ok(trace, `${user}: the denied read is audited`);
      assert.equal(trace.subjectType, 'information_request');
      assert.equal(trace.details.code, 'NOT_FOUND');
      const inbox = (await as[user]!.request('GET', '/api/v1/information-requests')).json();
      assert.ok(!inbox.requests.some((r: { id: string }) => r.id === requestId), user);
    }
    for (const user of ['admin', 'revisor']) assert.equal((await as[user]!.request('GET', `/api/v1/information-requests/${requestId}`)).statusCode, 403, user);
    const read = await db().select().from(auditLog).where(eq(auditLog.action, 'information_request.list_read'));
    assert.ok(read.length > 0, 'reads are audited');
  });

  test('wrong party 403, wrong state 409', async () => {
    const ack = await stepOn('nacka', requestId, 'acknowledge');
    assert.equal(ack.statusCode, 403, ack.body);
    assert.equal(ack.json().code, 'FORBIDDEN');
    assert.equal((await stepOn('polis', requestId, 'withdraw')).statusCode, 403);
    const early = await stepOn('polis', requestId, 'answer', riskAnswer);
    assert.equal(early.statusCode, 409, early.body);
    assert.equal(early.json().code, 'INVALID_STATE');
    assert.equal((await stepOn('solna', requestId, 'acknowledge')).statusCode, 404);
  });

  test('the police acknowledge, then answer with the structured risk assessment; bad input stores nothing', async () => {
    const ack = await stepOn('polis', requestId, 'acknowledge');
    assert.equal(ack.statusCode, 200, ack.body);
    assert.equal(ack.json().state, 'received');
    assert.deepEqual(ack.json().steps, ['answer', 'decline']);
    assert.equal((await stepOn('polis', requestId, 'acknowledge')).statusCode, 409, 'acknowledged once');

    for (const bad of [{ text: 'Utan risk' }, { ...riskAnswer, risk: { ...riskAnswer.risk, level: 'extreme' } }, { ...riskAnswer, risk: { ...riskAnswer.risk, assessedOn: '2027-01-01' } }, { ...riskAnswer, risk: { ...riskAnswer.risk, knownAffiliation: 'no' } }, { text: '' }]) {
      const res = await stepOn('polis', requestId, 'answer', bad);
      assert.equal(res.statusCode, 400, `${JSON.stringify(bad)}: ${res.body}`);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
    }
    assert.equal((await db().select().from(informationRequestAnswers)).length, 0, 'nothing stored');
    assert.equal((await db().select().from(disclosures).where(eq(disclosures.kind, 'information_request'))).length, 0, 'nothing disclosed');
    assert.equal((await db().select().from(informationRequests).where(eq(informationRequests.id, requestId)))[0]!.state, 'received');

    const answered = await stepOn('polis', requestId, 'answer', riskAnswer);
    assert.equal(answered.statusCode, 200, answered.body);
    assert.equal(answered.json().state, 'answered');
    assert.ok((await clockOf(requestId))?.stoppedAt, 'the clock stops');
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, 'information_request.answered'));
    assert.ok((audit!.details.fields as string[]).includes('answer.risk.level'));
    assert.ok(!JSON.stringify(audit!.details).includes('Nätverk X'), 'the audit row names fields, not values');

    // The answer is a disclosure from the police to nacka, on the ground the request cited, in the register.
    const [request] = await db().select().from(informationRequests).where(eq(informationRequests.id, requestId));
    const registered = await db().select().from(disclosures).where(eq(disclosures.kind, 'information_request'));
    assert.equal(registered.length, 1);
    const d = registered[0]!;
    assert.equal(d.fromOrgId, request!.addressedOrgId);
    assert.equal(d.toOrgId, request!.askingOrgId);
    assert.equal(d.caseId, request!.caseId);
    assert.ok(d.personRef && d.personRef === request!.personRef, 'by the child’s keyed reference');
    assert.match(d.legalGround, /OSL/);
    assert.deepEqual(d.fields, ['answer.risk.assessedOn', 'answer.risk.groupDesignation', 'answer.risk.knownAffiliation', 'answer.risk.level', 'answer.text']);
    assert.ok(!JSON.stringify(d).includes('Nätverk X'), 'field names, never values');
  });

  test('nacka reads the answer; nothing more can be done with it', async () => {
    const res = await as.nacka!.request('GET', `/api/v1/information-requests/${requestId}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().answer.risk, { level: 'elevated', assessedOn: '2026-03-01', knownAffiliation: 'yes', groupDesignation: 'Nätverk X' });
    assert.deepEqual(res.json().steps, []);
    assert.equal((await stepOn('nacka', requestId, 'withdraw')).statusCode, 409);
    assert.equal((await stepOn('polis', requestId, 'decline', { reason: 'x' })).statusCode, 409);
  });
});

describe('sending: who may ask whom, and bad input', () => {
  test('bad input is a clear 400 and stores nothing', async () => {
    const before = await countRequests();
    const bad = [
      { ...riskAsk, kinds: [] },
      { ...riskAsk, kinds: ['weather'] },
      { ...riskAsk, text: '  ' },
      { ...riskAsk, legalGroundId: 'no-such-ground' },
      { ...riskAsk, addressedOrgId: 'no-such-org' },
      { ...riskAsk, urgency: 'whenever' },
      { ...riskAsk, deadline: later(5).toISOString() },
      { ...riskAsk, deadline: 'tomorrow' },
      { ...riskAsk, extra: 1 },
    ];
    for (const body of bad) {
      const res = await send('nacka', body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
    }
    assert.equal(await countRequests(), before);
  });

  test('the wrong direction is 403, no relation to the case 404', async () => {
    const before = await countRequests();
    assert.equal((await send('nacka', { ...riskAsk, addressedOrgId: 'intake-0182' })).statusCode, 403, 'not to one’s own organisation');
    assert.equal((await send('hub', riskAsk)).statusCode, 403, 'the hub no longer handles a handed-over case');
    assert.equal((await send('polis', riskAsk)).statusCode, 403, 'the police ask social services, not themselves');
    assert.equal((await send('nacka', { ...riskAsk, addressedOrgId: 'sis' })).statusCode, 403, 'SiS only once party');
    for (const user of ['solna', 'sydost', 'sis']) assert.equal((await send(user, riskAsk)).statusCode, 404, user);
    assert.equal((await send('admin', riskAsk)).statusCode, 403);
    assert.equal(await countRequests(), before);
  });

  test('the case page lists whom the reader may ask', async () => {
    const nacka = (await as.nacka!.request('GET', `/api/v1/cases/${caseId}/information-requests`)).json();
    assert.deepEqual(nacka.addressees.map((a: { orgId: string }) => a.orgId), ['police-roc']);
    assert.deepEqual(nacka.authorities.map((a: { orgId: string }) => a.orgId), ['sis']);
    const polis = (await as.polis!.request('GET', `/api/v1/cases/${caseId}/information-requests`)).json();
    assert.deepEqual(polis.addressees.map((a: { orgId: string }) => a.orgId), ['intake-0182']);
    assert.deepEqual(polis.authorities, []);
  });
});

describe('the police ask the municipality; decline and withdraw', () => {
  test('polis → nacka: nacka acknowledges and declines with a reason', async () => {
    const res = await send('polis', { addressedOrgId: 'intake-0182', kinds: ['other'], text: 'Vilka insatser planeras?', legalGroundId: 'osl-10-28', urgency: 'urgent' });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id as string;
    assert.equal(new Date(res.json().deadlineAt).getTime(), later(24 * 60).getTime(), 'urgent: 24 hours');
    assert.equal((await stepOn('nacka', id, 'decline', { reason: 'Sekretess' })).statusCode, 409, 'acknowledged first');
    assert.equal((await stepOn('nacka', id, 'acknowledge')).statusCode, 200);
    const empty = await stepOn('nacka', id, 'decline', { reason: '' });
    assert.equal(empty.statusCode, 400, empty.body);
    const declined = await stepOn('nacka', id, 'decline', { reason: 'Uppgifterna omfattas av sekretess som grunden inte bryter.' });
    assert.equal(declined.statusCode, 200, declined.body);
    assert.equal(declined.json().declined.reason, 'Uppgifterna omfattas av sekretess som grunden inte bryter.');
    assert.ok((await clockOf(id))?.stoppedAt);
    const declinedDisclosures = await db().select().from(disclosures).where(eq(disclosures.kind, 'information_request'));
    assert.equal(declinedDisclosures.length, 1, 'a declined request discloses nothing (the one row is the answer above)');
    const polis = (await as.polis!.request('GET', `/api/v1/information-requests/${id}`)).json();
    assert.equal(polis.state, 'declined');
  });

  test('nacka withdraws a request still waiting; the police see it withdrawn', async () => {
    const id = (await send('nacka', { ...riskAsk, kinds: ['criminal_groupings'] })).json().id as string;
    assert.equal((await stepOn('nacka', id, 'withdraw', { reason: 'Inte längre aktuellt' })).statusCode, 200);
    assert.equal((await as.polis!.request('GET', `/api/v1/information-requests/${id}`)).json().state, 'withdrawn');
    assert.ok((await clockOf(id))?.stoppedAt);
    assert.equal((await stepOn('polis', id, 'acknowledge')).statusCode, 409);
  });
});

describe('escalation of an overdue request', () => {
  const run = (at: Date) => processDueDeadlines(db(), () => t.app.directoryCache.get(db()), at, 100, 'inforeq-test');
  const fires = async (id: string) => {
    const clock = await clockOf(id);
    return db().select().from(auditLog).where(and(eq(auditLog.action, 'deadline.escalated'), sql`(${auditLog.details}->>'deadlineId')::bigint = ${clock!.id}`));
  };

  test('to the police: the ROC duty contact chain, one contact per step, each step exactly once', async () => {
    const res = await send('nacka', { ...riskAsk, deadline: later(60).toISOString() });
    const id = res.json().id as string;
    await run(later(59));
    assert.equal((await fires(id)).length, 0, 'not before the deadline');
    await run(later(60));
    await run(later(61));
    const first = await fires(id);
    assert.equal(first.length, 1, 'step 1 once');
    assert.equal(first[0]!.details.target, 'request_addressee');
    await run(later(60 + 60));
    await run(later(60 + 61));
    assert.equal((await fires(id)).length, 2, 'step 2 once');
    const mails = await db().select().from(outbox).where(and(eq(outbox.topic, 'deadline.escalated'), eq(outbox.channel, 'email')));
    const to = mails.map((m) => (m.recipient as { email: string }).email);
    assert.ok(to.includes('roc.vakthavande@polisen.demo.envagin.se') && to.includes('roc.stf@polisen.demo.envagin.se'), to.join(', '));
    assert.ok(mails.every((m) => (m.payload as { link: string }).link === `/forfragningar?request=${id}` || !(m.payload as { link: string }).link.includes(id)));
    // Answered: the climb stops.
    assert.equal((await stepOn('polis', id, 'acknowledge')).statusCode, 200);
    assert.equal((await stepOn('polis', id, 'answer', riskAnswer)).statusCode, 200);
    await run(later(60 + 240));
    assert.equal((await fires(id)).length, 2);
  });

  test("to a municipality: its manager", async () => {
    const manager = await buildUser(db(), { role: 'municipality.manager', orgId: 'kommun-0182' });
    const id = (await send('polis', { addressedOrgId: 'intake-0182', kinds: ['other'], text: 'Status?', legalGroundId: 'osl-10-28', urgency: 'normal', deadline: later(30).toISOString() })).json().id as string;
    await run(later(30));
    await run(later(30));
    const [fire] = await fires(id);
    assert.equal(fire?.details.users, 1);
    const live = await db().select().from(outbox).where(and(eq(outbox.topic, 'deadline.escalated'), sql`${outbox.recipient}->>'userId' = ${manager.id}`));
    assert.equal(live.length, 1, 'once');
  });
});

describe('SiS as a party', () => {
  test('nacka makes SiS party; SiS sees the least identity only, never the case', async () => {
    const party = (body: unknown, who = 'nacka') => as[who]!.request('POST', `/api/v1/cases/${caseId}/parties`, body);
    const ground = { legalGroundId: 'osl-10-28' };
    assert.equal((await party({ orgId: 'sis', ...ground }, 'polis')).statusCode, 403);
    assert.equal((await party({ orgId: 'police-roc', ...ground })).statusCode, 400);
    // Making SiS party discloses the case's identity: no legal ground, no party and no disclosure.
    for (const body of [{ orgId: 'sis' }, { orgId: 'sis', legalGroundId: 'no-such-ground' }, { orgId: 'sis', legalGroundId: '' }]) {
      const refused = await party(body);
      assert.equal(refused.statusCode, 400, refused.body);
      assert.equal(refused.json().code, 'VALIDATION_FAILED');
      assert.ok(refused.json().errors.some((e: { path: string }) => e.path === 'body.legalGroundId'), refused.body);
    }
    const partyDisclosures = () => db().select().from(disclosures).where(and(eq(disclosures.caseId, caseId), eq(disclosures.kind, 'case_party')));
    assert.equal((await db().select().from(caseParties).where(eq(caseParties.caseId, caseId))).length, 0, 'nothing stored');
    assert.equal((await partyDisclosures()).length, 0);
    const added = await party({ orgId: 'sis', ...ground });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal((await party({ orgId: 'sis', ...ground })).statusCode, 409);
    const [disclosed, ...more] = await partyDisclosures();
    assert.equal(more.length, 0, 'one disclosure: the refused second call recorded none');
    assert.deepEqual(
      [disclosed?.fromOrgId, disclosed?.toOrgId, disclosed?.toName, disclosed?.legalGround],
      ['intake-0182', 'sis', 'Statens institutionsstyrelse (SiS)', '10 kap. 28 § OSL'],
    );
    assert.deepEqual(disclosed?.fields, ['case.number', 'child.birthYear', 'child.initials']);
    assert.ok(disclosed?.personRef, 'findable by the child in the register');
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'case.party_added'), eq(auditLog.subjectId, caseId)));
    assert.equal(audit?.details.legalGroundId, 'osl-10-28');
    const mine = (await as.sis!.request('GET', '/api/v1/party-cases')).json();
    assert.deepEqual(
      mine.cases.map((c: { caseId: string; initials: string; birthYear: number }) => [c.caseId, c.initials, c.birthYear]),
      [[caseId, TEST_CHILD_NAME.split(' ').map((w) => w[0]).join(''), 2010]],
    );
    assert.equal((await as.sis!.request('GET', `/api/v1/cases/${caseId}`)).statusCode, 404, 'the case stays hidden');
  });

  test('SiS asks nacka and nacka answers; nacka asks SiS and SiS answers; the police see neither', async () => {
    const fromSis = await send('sis', { addressedOrgId: 'intake-0182', kinds: ['other'], text: 'Planeras placering?', legalGroundId: 'osl-10-28', urgency: 'normal' });
    assert.equal(fromSis.statusCode, 201, fromSis.body);
    assert.equal((await send('sis', { ...riskAsk })).statusCode, 403, 'SiS asks the social services, not the police');
    const sisId = fromSis.json().id as string;
    assert.equal((await stepOn('nacka', sisId, 'acknowledge')).statusCode, 200);
    assert.equal((await stepOn('nacka', sisId, 'answer', { text: 'Nej.', risk: riskAnswer.risk })).statusCode, 400, 'no risk asked for');
    assert.equal((await stepOn('nacka', sisId, 'answer', { text: 'Nej, inte nu.' })).statusCode, 200);
    const read = (await as.sis!.request('GET', `/api/v1/information-requests/${sisId}`)).json();
    assert.equal(read.answer.text, 'Nej, inte nu.');
    assert.equal(read.child.birthYear, 2010);

    const toSis = await send('nacka', { addressedOrgId: 'sis', kinds: ['other'], text: 'Är pojken placerad hos er?', legalGroundId: 'osl-10-28', urgency: 'urgent' });
    assert.equal(toSis.statusCode, 201, toSis.body);
    const toSisId = toSis.json().id as string;
    assert.equal((await stepOn('sis', toSisId, 'acknowledge')).statusCode, 200);
    assert.equal((await stepOn('sis', toSisId, 'answer', { text: 'Ja.' })).statusCode, 200);
    assert.ok((await clockOf(toSisId))?.stoppedAt, 'SiS stops the clock of a request it answers');

    for (const id of [sisId, toSisId]) assert.equal((await as.polis!.request('GET', `/api/v1/information-requests/${id}`)).statusCode, 404);
    const polisCase = (await as.polis!.request('GET', `/api/v1/cases/${caseId}/information-requests`)).json();
    assert.ok(polisCase.requests.every((r: { asking: { orgId: string }; addressed: { orgId: string } }) => r.asking.orgId === 'police-roc' || r.addressed.orgId === 'police-roc'));
    assert.deepEqual(polisCase.parties, [], 'the police are not told who else is party');
  });

  test('an overdue request to SiS climbs SiS’s duty chain, and from step 2 tells the asker and its manager; each step exactly once', async () => {
    const run = (at: Date) => processDueDeadlines(db(), () => t.app.directoryCache.get(db()), at, 100, 'inforeq-sis-test');
    const manager = await buildUser(db(), { role: 'municipality.manager', orgId: 'kommun-0182' });
    const [nacka] = await db().select({ id: users.id }).from(users).where(eq(users.username, 'nacka'));
    const sent = await send('nacka', { addressedOrgId: 'sis', kinds: ['other'], text: 'Har pojken avvikit?', legalGroundId: 'osl-10-28', urgency: 'urgent', deadline: later(45).toISOString() });
    assert.equal(sent.statusCode, 201, sent.body);
    const id = sent.json().id as string;
    const clock = (await clockOf(id))!;
    const fired = () =>
      db().select().from(auditLog).where(and(eq(auditLog.action, 'deadline.escalated'), sql`(${auditLog.details}->>'deadlineId')::bigint = ${clock.id}`));
    const rowsOf = (fire: number) => db().select().from(outbox).where(sql`${outbox.dedupeKey} like ${`deadline:${clock.id}:fire:${fire}|%`}`);
    const emails = (rows: (typeof outbox.$inferSelect)[]) => rows.filter((r) => r.channel === 'email').map((r) => (r.recipient as { email?: string }).email);
    const userIds = (rows: (typeof outbox.$inferSelect)[]) => new Set(rows.map((r) => (r.recipient as { userId?: string }).userId).filter(Boolean));

    await run(later(44));
    assert.equal((await fired()).length, 0, 'not before the deadline');
    await run(later(45));
    await run(later(46));
    assert.equal((await fired()).length, 1, 'step 1 once');
    const first = await rowsOf(0);
    assert.ok(emails(first).includes('placering@sis.demo.envagin.se'), emails(first).join(', '));
    assert.ok(!userIds(first).has(nacka!.id) && !userIds(first).has(manager.id), 'step 1 is SiS’s alone');

    await run(later(45 + 60));
    await run(later(45 + 61));
    const fires = await fired();
    assert.equal(fires.length, 2, 'step 2 once');
    assert.equal(fires[1]!.details.target, 'request_addressee');
    const second = await rowsOf(1);
    assert.ok(emails(second).includes('jourchef@sis.demo.envagin.se'), `the duty manager, next in SiS’s chain: ${emails(second).join(', ')}`);
    assert.ok(userIds(second).has(nacka!.id) && userIds(second).has(manager.id), 'the asker and its manager');
    for (const r of second) assert.ok(!JSON.stringify(r.payload).includes('avvikit'), 'no request text in a notification');

    // Answered: the climb stops.
    assert.equal((await stepOn('sis', id, 'acknowledge')).statusCode, 200);
    assert.equal((await stepOn('sis', id, 'answer', { text: 'Nej.' })).statusCode, 200);
    await run(later(45 + 24 * 60));
    assert.equal((await fired()).length, 2);
  });
});

describe('legal grounds, kept by admins', () => {
  test('add, retire, and a retired ground cannot be cited', async () => {
    const body = { id: 'lvu-43', citation: '43 § LVU', description: 'Polisens biträde.' };
    assert.equal((await as.nacka!.request('POST', '/api/v1/legal-grounds', body)).statusCode, 403);
    assert.equal((await as.admin!.request('POST', '/api/v1/legal-grounds', body)).statusCode, 201);
    assert.equal((await as.admin!.request('POST', '/api/v1/legal-grounds', body)).statusCode, 409);
    assert.equal((await as.admin!.request('POST', '/api/v1/legal-grounds', { ...body, id: 'Bad Id' })).statusCode, 400);
    assert.equal((await as.admin!.request('POST', '/api/v1/legal-grounds/lvu-43/retire')).statusCode, 200);
    assert.equal((await as.admin!.request('POST', '/api/v1/legal-grounds/lvu-43/retire')).statusCode, 409);
    assert.equal((await as.admin!.request('POST', '/api/v1/legal-grounds/nothing-here/retire')).statusCode, 404);
    const listed = (await as.polis!.request('GET', '/api/v1/legal-grounds')).json();
    assert.ok(listed.legalGrounds.some((g: { id: string; retiredAt: string | null }) => g.id === 'lvu-43' && g.retiredAt));
    const res = await send('nacka', { ...riskAsk, legalGroundId: 'lvu-43' });
    assert.equal(res.statusCode, 400, res.body);
  });

  test('an admin corrects a ground’s texts: the id stays, the change is audited, bad input stores nothing', async () => {
    const body = { citation: '10 kap. 18 a § offentlighets- och sekretesslagen', description: 'Rättad beskrivning.' };
    type Ground = { id: string; citation: string; description: string };
    const original = (await as.admin!.request('GET', '/api/v1/legal-grounds')).json().legalGrounds.find((g: Ground) => g.id === 'osl-10-18a') as Ground;
    assert.equal((await as.nacka!.request('PUT', '/api/v1/legal-grounds/osl-10-18a', body)).statusCode, 403);
    assert.equal((await as.admin!.request('PUT', '/api/v1/legal-grounds/nothing-here', body)).statusCode, 404);
    const bad = await as.admin!.request('PUT', '/api/v1/legal-grounds/osl-10-18a', { citation: '', description: 'x' });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().code, 'VALIDATION_FAILED');
    assert.equal((await as.admin!.request('PUT', '/api/v1/legal-grounds/osl-10-18a', { ...body, id: 'other' })).statusCode, 400, 'the id is not editable');
    const edited = await as.admin!.request('PUT', '/api/v1/legal-grounds/osl-10-18a', body);
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().citation, body.citation);
    const listed = (await as.nacka!.request('GET', '/api/v1/legal-grounds')).json();
    const ground = listed.legalGrounds.find((g: Ground) => g.id === 'osl-10-18a') as Ground;
    assert.deepEqual([ground.citation, ground.description], [body.citation, body.description]);
    const audits = await db().select().from(auditLog).where(eq(auditLog.action, 'legal_ground.edited'));
    assert.equal(audits.length, 1, 'the refused edits left no trace but the refusal');
    assert.equal(audits[0]!.details.previousCitation, '10 kap. 18 a § OSL');
    // Put back, for the tests that cite it by its short form.
    assert.equal((await as.admin!.request('PUT', '/api/v1/legal-grounds/osl-10-18a', { citation: original.citation, description: original.description })).statusCode, 200);
  });
});
