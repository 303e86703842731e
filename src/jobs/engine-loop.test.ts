// The engine's own loop, started for real with a short poll: nudges for new outbox rows run
// delivery-only cycles, and a steady stream of them must not starve the deadline phase; a cycle
// that fails is logged and the loop goes on.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { pino, type LoggerOptions } from 'pino';
import { auditLog, cases, deadlines } from '../db/schema.ts';
import { loggerOptions } from '../http/logger.ts';
import { buildTestApp, type TestApp } from '../test/app.ts';
import { buildCase, buildDeadline } from '../test/factories.ts';
import { ManualClock } from './clock-source.ts';
import { createEngine } from './start-engine.ts';

const T0 = new Date('2026-05-04T08:00:00Z');
const POLL_MS = 200;
let t: TestApp;

before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

test('a due deadline fires within about a poll interval while outbox nudges arrive every 5 ms', async () => {
  const db = t.testDb.database.db;
  const clock = new ManualClock(T0);
  const engine = createEngine(t.app, { clock, databaseUrl: null, pollMs: POLL_MS });
  await engine.start();
  try {
    // A deadline due a minute after the engine's "now", written directly so that nothing
    // nudges the engine for it; then the engine's clock moves past it. Whenever the start-up
    // cycle ran, it was before the deadline was due: only a later deadline phase can fire it.
    const kase = await buildCase(db, { receivedAt: new Date(T0.getTime() - 20 * 60_000) });
    await buildDeadline(db, { caseId: kase.id, startedAt: kase.receivedAt, dueAt: new Date(T0.getTime() + 60_000) });
    clock.advance(2 * 60_000);

    const started = performance.now();
    let breachedAt: Date | null = null;
    while (!breachedAt && performance.now() - started < 5 * POLL_MS + 2000) {
      engine.wake('outbox');
      await new Promise((r) => setTimeout(r, 5));
      [{ breachedAt }] = (await db.select({ breachedAt: deadlines.breachedAt }).from(deadlines).where(eq(deadlines.caseId, kase.id))) as [{ breachedAt: Date | null }];
    }
    const waited = performance.now() - started;
    assert.ok(breachedAt, 'the deadline fired despite the stream of delivery-only nudges');
    assert.ok(waited < 3 * POLL_MS + 1000, `fired after ${Math.round(waited)} ms`);
  } finally {
    await engine.stop();
  }
});

/** The production logger's options (serializers, redaction), not the tests' silent one, writing to `lines`. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino(loggerOptions('info') as LoggerOptions, sink), lines };
}

const waitFor = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 150 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
};

test('a failing cycle is logged by name and code only, through the real logger, and the engine goes on', async () => {
  const db = t.testDb.database.db;
  const { log, lines } = capturingLogger();
  let directoryDown = true;
  /** Directory reads that succeeded: each full cycle's deadline phase makes some. */
  let directoryReads = 0;
  const engine = createEngine(t.app, {
    clock: new ManualClock(T0),
    databaseUrl: null,
    pollMs: 50,
    log,
    directory: async () => {
      if (directoryDown) throw Object.assign(new Error('the directory could not be read for 19121212-1212'), { code: 'ECONNRESET' });
      const snapshot = await t.app.directoryCache.get(db);
      directoryReads++;
      return snapshot;
    },
  });
  // Due before the engine's "now": the first cycle that gets a directory fires it.
  const due = new Date(T0.getTime() - 10 * 60_000);
  const { id: deadlineId } = await buildDeadline(db, { startedAt: new Date(due.getTime() - 10 * 60_000), dueAt: due });
  const breachedAt = async () => (await db.select({ breachedAt: deadlines.breachedAt }).from(deadlines).where(eq(deadlines.id, deadlineId)))[0]!.breachedAt;
  await engine.start();
  try {
    const failed = () => lines.filter((l) => l.msg === 'engine cycle failed');
    await waitFor(() => failed().length >= 2);
    assert.ok(failed().length >= 2, 'the engine logged the failure and tried again');
    assert.deepEqual(failed()[0]!.err, { type: 'Error', message: '', code: 'ECONNRESET', stack: '' }, 'by name and code, never the message');
    assert.equal(await breachedAt(), null, 'no cycle got as far as the deadline while the directory was down');

    directoryDown = false;
    await waitFor(async () => (await breachedAt()) !== null);
    assert.ok(await breachedAt(), 'a cycle after the failures fired the due deadline: the loop went on');
    // And it keeps going: further cycles read the directory, and none of them fails.
    const failures = failed().length;
    const reads = directoryReads;
    await waitFor(() => directoryReads >= reads + 8);
    assert.ok(directoryReads >= reads + 8, `the deadline phase ran again (${directoryReads - reads} directory reads)`);
    assert.equal(failed().length, failures, 'no cycle failed once the directory was back');
  } finally {
    await engine.stop();
  }
});

test('a deadline whose escalation cannot be built fails alone: audited, counted, tried again in a minute; the others fire', async () => {
  const db = t.testDb.database.db;
  const { log, lines } = capturingLogger();
  const clock = new ManualClock(T0);
  const due = new Date(T0.getTime() - 10 * 60_000);
  // A malformed case number: the escalation's notification is refused (assertNoPersonalData).
  const poisoned = await buildCase(db, { receivedAt: new Date(T0.getTime() - 20 * 60_000), number: 'ENV-2026-1234567' });
  const healthy = await buildCase(db, { receivedAt: new Date(T0.getTime() - 20 * 60_000) });
  for (const kase of [poisoned, healthy]) await buildDeadline(db, { caseId: kase.id, startedAt: kase.receivedAt, dueAt: due });
  const deadlineOf = async (caseId: string) => (await db.select().from(deadlines).where(eq(deadlines.caseId, caseId)))[0]!;

  const engine = createEngine(t.app, { clock, databaseUrl: null, pollMs: 50, log });
  await engine.start();
  try {
    await waitFor(async () => (await deadlineOf(healthy.id)).breachedAt !== null);
    assert.ok((await deadlineOf(healthy.id)).breachedAt, 'the healthy deadline fired');
    const stuck = await deadlineOf(poisoned.id);
    assert.equal(stuck.breachedAt, null);
    assert.equal(stuck.nextFireAt?.toISOString(), new Date(T0.getTime() + 60_000).toISOString(), 'put back for a minute');
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, 'deadline.escalation_failed'), eq(auditLog.subjectId, poisoned.id)));
    assert.equal(audits.length, 1);
    assert.deepEqual(audits[0]!.details, { deadlineId: stuck.id, clock: 'claim', step: 0, error: 'INTERNAL' });
    assert.ok(lines.some((l) => l.msg?.toString().startsWith('escalation failed') && l.deadlines === 1));
    assert.ok(lines.every((l) => l.msg !== 'engine cycle failed'), 'the cycle itself did not fail');
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.match(metrics, /^envagin_escalation_failures_total\{clock="claim"\} [1-9]/m);

    // Put right, it fires at its next try, a minute on.
    await db.update(cases).set({ number: 'ENV-2026-123456' }).where(eq(cases.id, poisoned.id));
    clock.advance(61_000);
    await waitFor(async () => (await deadlineOf(poisoned.id)).breachedAt !== null);
    assert.ok((await deadlineOf(poisoned.id)).breachedAt, 'fired once the row was right');
  } finally {
    await engine.stop();
  }
});
