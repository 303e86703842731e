// Delivery against real components: an SMTP server (smtp-server) and an HTTP receiver started
// here. Retries are driven by the manual clock, never by sleeping.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { outbox, outboxAttempts } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { buildTestApp, type TestApp } from '../test/app.ts';
import { buildOutbox, buildWebhookEndpoint } from '../test/factories.ts';
import { ManualClock } from './clock-source.ts';
import type { Engine } from './engine.ts';
import { enqueueNotification } from './notify.ts';
import type { NotificationPayload } from './notify.ts';
import { claimOutgoing, LEASE_MS, settleAll, sweepExpiredLeases, type OutboxRow, type SendResult } from './outbox-dispatch.ts';
import { createEngine } from './start-engine.ts';

const T0 = new Date('2030-01-07T09:00:00Z');
const BASE = 1000;
const later = (ms: number) => new Date(T0.getTime() + ms);

let t: TestApp;
let engine: Engine;
let smtp: SMTPServer;
const mails: { to: string; raw: string }[] = [];
let receiver: Server;
let receiverUrl: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let answers: number[] = [];

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  t = await buildTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, OUTBOX_RETRY_BASE_MS: String(BASE), PUBLIC_URL: 'https://envagin.example.se' });
  engine = createEngine(t.app, { clock: new ManualClock(T0), databaseUrl: null });
});
after(async () => {
  // The app's close() fails on a Prism contract break (ENVAGIN_TEST_PRISM=1); the rest is closed anyway.
  try {
    await t.close();
  } finally {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});

const db = () => t.testDb.database.db;
const enqueue = (caseNumber: string, orgIds: string[]) =>
  withTransaction(db(), (tx) => enqueueNotification(tx, { topic: 'case.handed_over', caseNumber, orgIds, text: `Ärende ${caseNumber} väntar på kvittens.`, link: '/arenden/abc' }));
const rowsOf = async (channel: 'email' | 'webhook', caseNumber: string) =>
  (await db().select().from(outbox).where(eq(outbox.channel, channel))).filter((r) => r.payload.caseNumber === caseNumber);
const attemptsOf = (id: number) => db().select().from(outboxAttempts).where(eq(outboxAttempts.outboxId, id)).orderBy(outboxAttempts.id);

/** A webhook endpoint stored as the admin API stores it: its secret sealed, which the sender opens to sign. */
/** Stored sealed, as the admin API stores it: the sender opens it to sign. */
function endpoint(fields: { orgId: string; name: string; url: string }, secret = 'hemlig-nyckel') {
  return buildWebhookEndpoint(db(), fields, { ring: t.app.deps.config.secrets, secret });
}

function verify(secret: string, body: string, header: string | string[] | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(String(header));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('outbox delivery', () => {
  test('e-mail reaches a real SMTP server: case number and link, no personal data', async () => {
    await enqueue('ENV-2026-000201', ['intake-0182']);
    await engine.runOnce(later(0));
    const [row] = await rowsOf('email', 'ENV-2026-000201');
    assert.equal(row!.status, 'sent');
    const mail = mails.find((m) => m.raw.includes('ENV-2026-000201'));
    assert.ok(mail, 'mail received');
    assert.equal(mail.to, 'mottagning@nacka.demo.envagin.se');
    assert.match(mail.raw, /https:\/\/envagin\.example\.se\/arenden\/abc/);
    assert.match(mail.raw, new RegExp(`X-Envagin-Delivery: ${row!.id}`, 'i'));
    // Everything but the Message-ID, a random id of nodemailer's whose hex groups can be all
    // digits ("19529429-6527-…" made this fail once).
    const content = mail.raw.replace(/^Message-ID: .*$/im, '');
    assert.doesNotMatch(content, /\d{6}[-+]?\d{4}/, 'nothing like an identity number');
    assert.deepEqual((await attemptsOf(row!.id)).map((a) => a.status), ['sent']);
  });

  test('webhook: signed, retried with exponential backoff after a 500, then delivered once', async () => {
    await endpoint({ orgId: 'intake-0120', name: 'SMS-gateway', url: receiverUrl }, 'hemlig-nyckel');
    answers = [500, 500, 200];
    received.length = 0;
    await enqueue('ENV-2026-000202', ['intake-0120']);
    await engine.runOnce(later(0));
    let [row] = await rowsOf('webhook', 'ENV-2026-000202');
    assert.equal(row!.status, 'failed');
    assert.equal(row!.nextAttemptAt.toISOString(), later(BASE).toISOString(), 'first retry after the base delay');
    await engine.runOnce(later(BASE - 1));
    assert.equal(received.length, 1, 'not before the backoff');
    await engine.runOnce(later(BASE));
    [row] = await rowsOf('webhook', 'ENV-2026-000202');
    assert.equal(row!.nextAttemptAt.toISOString(), later(BASE + 2 * BASE).toISOString(), 'then twice the delay');
    await engine.runOnce(later(3 * BASE));
    [row] = await rowsOf('webhook', 'ENV-2026-000202');
    assert.equal(row!.status, 'sent');
    assert.equal(received.length, 3);
    for (const r of received) {
      assert.ok(verify('hemlig-nyckel', r.body, r.headers['x-envagin-signature']), 'HMAC-SHA256 of the raw body');
      assert.equal(r.headers['x-envagin-delivery'], String(row!.id), 'the same delivery id on every retry');
      assert.deepEqual(Object.keys(JSON.parse(r.body) as object).sort(), ['caseNumber', 'deliveryId', 'link', 'text', 'topic']);
    }
    assert.deepEqual((await attemptsOf(row!.id)).map((a) => [a.status, a.detail]), [['failed', 'http 500'], ['failed', 'http 500'], ['sent', 'http 200']]);
  });

  test('dead letter after max attempts', async () => {
    await endpoint({ orgId: 'intake-0138', name: 'Trasig', url: receiverUrl });
    answers = [503, 503, 503, 503];
    await enqueue('ENV-2026-000203', ['intake-0138']);
    let [row] = await rowsOf('webhook', 'ENV-2026-000203');
    await db().update(outbox).set({ maxAttempts: 3 }).where(eq(outbox.id, row!.id));
    for (const ms of [0, BASE, 3 * BASE, 7 * BASE, 15 * BASE]) await engine.runOnce(later(ms));
    [row] = await rowsOf('webhook', 'ENV-2026-000203');
    assert.equal(row!.status, 'dead');
    assert.equal(row!.attempts, 3);
    assert.deepEqual((await attemptsOf(row!.id)).map((a) => a.status), ['failed', 'failed', 'dead']);
  });

  test('a claim whose sender died is swept back after its lease and delivered', async () => {
    answers = [];
    await enqueue('ENV-2026-000204', ['intake-0120']);
    const claimed = await claimOutgoing(db(), later(20 * BASE), 100, 'dead-instance');
    assert.ok(claimed.some((r) => r.payload.caseNumber === 'ENV-2026-000204'));
    await engine.runOnce(later(20 * BASE + 1000));
    let [row] = await rowsOf('webhook', 'ENV-2026-000204');
    assert.equal(row!.status, 'sending', 'still leased to the dead instance');
    await engine.runOnce(later(20 * BASE + 31_000));
    [row] = await rowsOf('webhook', 'ENV-2026-000204');
    assert.equal(row!.status, 'sent');
    assert.deepEqual((await attemptsOf(row!.id)).map((a) => [a.status, a.detail]), [['failed', 'lease expired'], ['sent', 'http 200']]);
  });

  test('a send that does not answer in time counts as failed and is retried; the rest of its batch is recorded at once', async () => {
    // A receiver that reads the request and never answers (until the test lets it go).
    const held: ServerResponse[] = [];
    const silent = createServer((req, res) => {
      req.resume();
      held.push(res);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`;
      const silentHook = await endpoint({ orgId: 'intake-0160', name: 'Tyst mottagare', url: silentUrl });
      await endpoint({ orgId: 'intake-0162', name: 'SMS-gateway', url: receiverUrl });
      answers = [];
      await enqueue('ENV-2026-000205', ['intake-0160', 'intake-0162']);
      const impatient = createEngine(t.app, { clock: new ManualClock(T0), databaseUrl: null, sendLimitMs: 300 });
      const now = later(5 * 60_000);
      const started = performance.now();
      await impatient.runOnce(now);
      assert.ok(performance.now() - started < 5_000, 'the cycle did not wait for the silent receiver');
      assert.equal(held.length, 1, 'the silent receiver got the request');
      const rows = await rowsOf('webhook', 'ENV-2026-000205');
      const bySilent = rows.find((r) => 'webhookId' in r.recipient && r.recipient.webhookId === silentHook.id);
      assert.ok(bySilent);
      assert.deepEqual([bySilent.status, bySilent.attempts], ['failed', 1], 'the silent endpoint’s delivery failed');
      assert.equal(bySilent.nextAttemptAt.toISOString(), later(5 * 60_000 + BASE).toISOString(), 'retried after the base delay');
      assert.equal(bySilent.sendingUntil, null, 'no longer leased');
      assert.deepEqual((await attemptsOf(bySilent.id)).map((a) => [a.status, a.detail]), [['failed', 'inget svar inom 0.3 s']]);
      const answered = rows.filter((r) => r.id !== bySilent.id);
      assert.deepEqual(answered.map((r) => r.status), ['sent'], 'the other endpoint was delivered in the same cycle');
    } finally {
      for (const res of held) res.end();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('settleAll', () => {
  const NOW = later(60 * 60_000);
  const ME = 'engine-settle-test';
  const payload: NotificationPayload = { topic: 'case.handed_over', caseNumber: 'ENV-2026-000299', text: 'Ärende väntar.', link: '/arenden/abc' };
  const recipient = { webhookId: '00000000-0000-4000-8000-000000000299' };

  /** A row as a claim would have left it: 'sending', leased to `lockedBy` until `until`. */
  async function leased(o: { attempts: number; maxAttempts?: number; lockedBy?: string; until?: Date; lastError?: string }): Promise<OutboxRow> {
    const r = await buildOutbox(db(), {
      topic: payload.topic,
      channel: 'webhook',
      recipient,
      payload,
      status: 'sending',
      attempts: o.attempts,
      maxAttempts: o.maxAttempts ?? 8,
      nextAttemptAt: NOW,
      sendingUntil: o.until ?? later(60 * 60_000 + LEASE_MS),
      lockedBy: o.lockedBy ?? ME,
      lastError: o.lastError ?? null,
    });
    return { id: r.id, topic: r.topic, channel: 'webhook', recipient, payload, attempts: r.attempts, maxAttempts: r.maxAttempts };
  }
  const rowById = async (id: number) => (await db().select().from(outbox).where(eq(outbox.id, id)))[0]!;

  test('a mixed batch: each row per its outcome in one call, rows no longer leased to us untouched', async () => {
    const ok = await leased({ attempts: 2, lastError: 'http 500' });
    const retry = await leased({ attempts: 2 });
    const permanent = await leased({ attempts: 1 });
    const exhausted = await leased({ attempts: 3, maxAttempts: 3 });
    const takenOver = await leased({ attempts: 1, lockedBy: 'engine-other' });
    const swept = await leased({ attempts: 1, until: later(60 * 60_000 - 1) });
    assert.equal(await sweepExpiredLeases(db(), NOW), 1, 'only the expired lease');

    const long = `http 410 ${'x'.repeat(600)}`;
    const outcomes: { row: OutboxRow; result: SendResult }[] = [
      { row: ok, result: { ok: true, detail: 'http 200' } },
      { row: retry, result: { ok: false, detail: 'http 503' } },
      { row: permanent, result: { ok: false, permanent: true, detail: long } },
      { row: exhausted, result: { ok: false, detail: 'http 503' } },
      { row: takenOver, result: { ok: true, detail: 'http 200' } },
      { row: swept, result: { ok: true, detail: 'http 200' } },
    ];
    const settled = await settleAll(db(), outcomes, NOW, ME, BASE);
    assert.deepEqual([...settled].sort((a, b) => a - b), [ok.id, retry.id, permanent.id, exhausted.id]);

    const expected: [OutboxRow, string, Date, Date | null, string | null][] = [
      [ok, 'sent', NOW, NOW, null],
      [retry, 'failed', later(60 * 60_000 + 2 * BASE), null, 'http 503'],
      [permanent, 'dead', NOW, null, long.slice(0, 500)],
      [exhausted, 'dead', NOW, null, 'http 503'],
    ];
    for (const [row, status, next, sentAt, lastError] of expected) {
      const r = await rowById(row.id);
      assert.deepEqual(
        [r.status, r.nextAttemptAt.toISOString(), r.sentAt?.toISOString() ?? null, r.lastError, r.lockedBy, r.sendingUntil],
        [status, next.toISOString(), sentAt?.toISOString() ?? null, lastError, null, null],
        `row with ${row.attempts} attempts → ${status}`,
      );
      const attempts = await attemptsOf(row.id);
      assert.deepEqual(attempts.map((a) => [a.status, a.detail, a.at.toISOString()]), [[status, lastError ?? 'http 200', NOW.toISOString()]]);
    }

    const other = await rowById(takenOver.id);
    assert.deepEqual([other.status, other.lockedBy], ['sending', 'engine-other'], 'another instance holds it now');
    assert.deepEqual(await attemptsOf(takenOver.id), []);
    const back = await rowById(swept.id);
    assert.deepEqual([back.status, back.lastError, back.sentAt], ['failed', 'lease expired', null], 'the sweeper took it back');
    assert.deepEqual((await attemptsOf(swept.id)).map((a) => a.detail), ['lease expired']);
  });

  test('an empty batch settles nothing', async () => {
    assert.deepEqual(await settleAll(db(), [], NOW, ME, BASE), []);
  });
});
