import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { accessRequests, auditLog, caseEvents, caseMessages, cases, outbox, outboxAttempts, passwordLinks, users } from '../../db/schema.ts';
import { buildTestApp, logInAs, type TestApp } from '../../test/app.ts';
import { buildOutbox, buildOutboxAttempt } from '../../test/factories.ts';
import { TEST_CHILD_NAME, validReport } from '../../test/reports.ts';
import { purgeAccountRecords } from './purge-account-records.ts';
import { purgeFinishedDeliveries } from './purge-finished-deliveries.ts';
import { purgeAllPersonalData, purgePersonalData } from './purge-personal-data.ts';

let t: TestApp;
let closedId = '';
let openId = '';
const periods = { reportDays: 1826, threadDays: 365, contactLogDays: 30, outboxDays: 90, passwordLinkDays: 30, accessRequestDays: 730 };

before(async () => {
  t = await buildTestApp({}, () => new Date('2026-03-03T10:00:00+01:00'));
  const polis = await logInAs(t.app, 'polis');
  const hub = await logInAs(t.app, 'hub');
  const nacka = await logInAs(t.app, 'nacka');
  const file = async (key: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': key }, payload: validReport() });
    return res.json().id as string;
  };
  closedId = await file('purge-case-0001');
  openId = await file('purge-case-0002');
  const base = `/api/v1/cases/${closedId}`;
  for (const [user, path, body] of [
    [hub, 'messages', { kind: 'question', body: `Bor ${TEST_CHILD_NAME} hos mamman?` }],
    [hub, 'claim', {}],
    [hub, 'decision', {}],
    [nacka, 'acknowledge', {}],
    [nacka, 'skyddsbedomning', { assessedAt: '2026-03-03T10:30:00+01:00', outcome: 'immediate_protection_needed', measures: 'Placerad hos mormor, Testgatan 2.' }],
    [nacka, 'forhandsbedomning', { decision: 'inleda_utredning', decidedOn: '2026-03-04', note: 'Anteckning' }],
    [nacka, 'feedback', { withheld: false, message: 'Utredning inleds.' }],
    [nacka, 'close', {}],
  ] as const) {
    const res = await user.request('POST', `${base}/${path}`, body);
    assert.ok(res.statusCode < 300, `${path}: ${res.body}`);
  }
});
after(() => t.close());

test('nothing is purged before its period has passed', async () => {
  const result = await purgePersonalData(t.testDb.database.db, { periods, now: new Date('2026-06-01T00:00:00Z'), dryRun: false });
  assert.ok(result.plans.every((p) => p.caseNumbers.length === 0));
});

test('the dry run lists what would go and changes nothing', async () => {
  const later = new Date('2031-06-01T00:00:00Z');
  const dry = await purgePersonalData(t.testDb.database.db, { periods, now: later, dryRun: true });
  const [row] = await t.testDb.database.db.select().from(cases).where(eq(cases.id, closedId));
  assert.deepEqual(dry.plans.find((p) => p.kind === 'report')!.caseNumbers, [row!.number]);
  assert.deepEqual(dry.plans.find((p) => p.kind === 'thread')!.caseNumbers, [row!.number]);
  assert.ok(row!.report, 'still there after a dry run');
});

test('purging removes personal data, keeps statistics, leaves open cases alone, and is audited', async () => {
  const later = new Date('2031-06-01T00:00:00Z');
  // Batch after batch until one finds nothing: here the first takes the closed case's report and thread.
  const totals = await purgeAllPersonalData(t.testDb.database.db, { periods, now: () => later, dryRun: false });
  assert.deepEqual(totals, { report: 1, thread: 1, contact_log: 0 });
  const [row] = await t.testDb.database.db.select().from(cases).where(eq(cases.id, closedId));
  assert.equal(row!.report, null);
  assert.equal(row!.identityNumber, null);
  assert.ok(row!.purgedAt);
  assert.deepEqual(row!.skyddsbedomning, { outcome: 'immediate_protection_needed' });
  assert.deepEqual(row!.forhandsbedomning, { decision: 'inleda_utredning', decidedOn: '2026-03-04' });
  assert.equal(row!.ageAtReceipt, 16, 'statistics stay');
  assert.equal(row!.basis, 'agreement');
  const messages = await t.testDb.database.db.select().from(caseMessages).where(eq(caseMessages.caseId, closedId));
  assert.ok(messages.every((m) => m.body === null));
  const events = await t.testDb.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, closedId));
  assert.ok(events.every((e) => Object.keys(e.data).length === 0));
  const [open] = await t.testDb.database.db.select().from(cases).where(eq(cases.id, openId));
  assert.ok(open!.report, 'an open case is never purged');
  const audits = await t.testDb.database.db.select().from(auditLog).where(eq(auditLog.action, 'retention.purged'));
  assert.equal(audits.length, 2, 'one audit row per kind purged');
  const again = await purgePersonalData(t.testDb.database.db, { periods, now: later, dryRun: true });
  assert.ok(again.plans.every((p) => p.caseNumbers.length === 0), 'nothing left to purge');
});

test('finished notification deliveries are deleted with their attempts after their period; unfinished ones never', async () => {
  const db = t.testDb.database.db;
  const day = 86_400_000;
  const now = new Date('2026-09-01T00:00:00Z');
  const ago = (days: number) => new Date(now.getTime() - days * day);
  const payload = { topic: 'case.handed_over', caseNumber: 'ENV-2026-000901', text: 'Ärende väntar.', link: '/arenden/x' };
  const row = (key: string, status: 'sent' | 'dead' | 'failed' | 'sending' | 'pending', finished: Date) =>
    buildOutbox(db, {
      topic: 'case.handed_over',
      channel: 'email',
      recipient: { email: 'mottagning@nacka.demo.envagin.se' },
      payload,
      dedupeKey: `purge-test:${key}`,
      status,
      attempts: 1,
      sentAt: status === 'sent' ? finished : null,
      nextAttemptAt: finished,
      sendingUntil: status === 'sending' ? finished : null,
    });
  const inserted = [
    await row('sent-old', 'sent', ago(91)),
    await row('dead-old', 'dead', ago(200)),
    await row('sent-recent', 'sent', ago(89)),
    await row('failed-old', 'failed', ago(300)),
    await row('sending-old', 'sending', ago(300)),
    await row('pending-old', 'pending', ago(300)),
  ];
  const id = (key: string) => inserted.find((r) => r.dedupeKey === `purge-test:${key}`)!.id;
  for (const r of inserted) await buildOutboxAttempt(db, { outboxId: r.id, at: r.nextAttemptAt, status: r.status === 'dead' ? 'dead' : 'sent' });

  const dry = await purgeFinishedDeliveries(db, { days: 90, now, dryRun: true });
  assert.equal(dry.count, 2);
  assert.equal((await db.select().from(outbox).where(eq(outbox.id, id('sent-old')))).length, 1, 'a dry run deletes nothing');

  // A batch of one: the caller goes on until a call finds nothing.
  const counts: number[] = [];
  for (let n = 1; n !== 0; ) counts.push((n = (await purgeFinishedDeliveries(db, { days: 90, now, dryRun: false, batch: 1 })).count));
  assert.deepEqual(counts, [1, 1, 0]);
  const left = new Set((await db.select({ key: outbox.dedupeKey }).from(outbox)).map((r) => r.key));
  for (const gone of ['sent-old', 'dead-old']) assert.ok(!left.has(`purge-test:${gone}`), `${gone} deleted`);
  for (const kept of ['sent-recent', 'failed-old', 'sending-old', 'pending-old']) assert.ok(left.has(`purge-test:${kept}`), `${kept} kept`);
  assert.deepEqual(await db.select().from(outboxAttempts).where(eq(outboxAttempts.outboxId, id('dead-old'))), [], 'its attempt history too');
  assert.equal((await db.select().from(outboxAttempts).where(eq(outboxAttempts.outboxId, id('sent-recent')))).length, 1);

  const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'retention.outbox_purged'));
  assert.deepEqual(
    audits.map((a) => a.details.count),
    [1, 1],
    'one audit row per batch, with how many went',
  );
  assert.equal(audits[0]!.details.cutoff, ago(90).toISOString());
});

test('spent password links and decided access requests are deleted after their periods; live links and pending requests never; the audit rows stay', async () => {
  const db = t.testDb.database.db;
  const day = 86_400_000;
  const now = new Date('2026-12-01T00:00:00Z');
  const ago = (days: number) => new Date(now.getTime() - days * day);
  const [nacka] = await db.select().from(users).where(eq(users.username, 'nacka'));
  const [admin] = await db.select().from(users).where(eq(users.username, 'admin'));
  const link = (key: string, expiresAt: Date, usedAt: Date | null) =>
    db.insert(passwordLinks).values({ userId: nacka!.id, purpose: 'reset', tokenHash: `purge-test-${key}`, expiresAt, usedAt, createdAt: ago(400) }).returning();
  const [usedOld] = await link('used-old', ago(20), ago(31));
  const [expiredOld] = await link('expired-old', ago(31), null);
  const [usedRecent] = await link('used-recent', ago(5), ago(29));
  const [live] = await link('live', new Date(now.getTime() + day), null);
  const request = (username: string, status: 'pending' | 'approved' | 'rejected', decidedAt: Date | null) =>
    db
      .insert(accessRequests)
      .values({ kind: 'create', username, displayName: 'Test Person', email: `${username}@nacka.demo.envagin.se`, role: 'municipality.intake', orgId: nacka!.orgId, requestedBy: admin!.id, requestedAt: ago(1000), status, decidedBy: decidedAt ? nacka!.id : null, decidedAt })
      .returning();
  const [approvedOld] = await request('purge.approved.old', 'approved', ago(731));
  const [rejectedOld] = await request('purge.rejected.old', 'rejected', ago(800));
  const [approvedRecent] = await request('purge.approved.recent', 'approved', ago(700));
  const [pendingOld] = await request('purge.pending.old', 'pending', null);
  const auditBefore = (await db.select().from(auditLog)).length;

  const accountPeriods = { passwordLinkDays: 30, accessRequestDays: 730 };
  const dry = await purgeAccountRecords(db, { periods: accountPeriods, now, dryRun: true });
  assert.deepEqual(dry, { dryRun: true, passwordLinks: 2, accessRequests: 2 });
  assert.equal((await db.select().from(passwordLinks).where(eq(passwordLinks.id, usedOld!.id))).length, 1, 'a dry run deletes nothing');

  const done = await purgeAccountRecords(db, { periods: accountPeriods, now, dryRun: false });
  assert.deepEqual(done, { dryRun: false, passwordLinks: 2, accessRequests: 2 });
  const linksLeft = new Set((await db.select({ id: passwordLinks.id }).from(passwordLinks)).map((r) => r.id));
  for (const gone of [usedOld!, expiredOld!]) assert.ok(!linksLeft.has(gone.id), `${gone.tokenHash} deleted`);
  for (const kept of [usedRecent!, live!]) assert.ok(linksLeft.has(kept.id), `${kept.tokenHash} kept`);
  const requestsLeft = new Set((await db.select({ id: accessRequests.id }).from(accessRequests)).map((r) => r.id));
  for (const gone of [approvedOld!, rejectedOld!]) assert.ok(!requestsLeft.has(gone.id), `${gone.username} deleted`);
  for (const kept of [approvedRecent!, pendingOld!]) assert.ok(requestsLeft.has(kept.id), `${kept.username} kept`);

  const audits = await db.select().from(auditLog);
  assert.equal(audits.length, auditBefore + 2, 'audit rows are only added, never removed');
  const requestPurge = audits.find((a) => a.action === 'retention.access_requests_purged')!;
  assert.deepEqual(new Set(requestPurge.details.ids as string[]), new Set([approvedOld!.id, rejectedOld!.id]));
  assert.equal(requestPurge.details.cutoff, ago(730).toISOString());
  assert.equal(audits.find((a) => a.action === 'retention.password_links_purged')!.details.count, 2);
  assert.deepEqual(await purgeAccountRecords(db, { periods: accountPeriods, now, dryRun: false }), { dryRun: false, passwordLinks: 0, accessRequests: 0 }, 'nothing left');
});
