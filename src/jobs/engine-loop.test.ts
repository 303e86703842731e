// The engine's own loop, started for real with a short poll: nudges for new outbox rows run
// delivery-only cycles, and a steady stream of them must not starve the deadline phase; a cycle
// that fails is logged and the loop goes on.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { pino, type LoggerOptions } from 'pino';
import { cases, deadlines } from '../db/schema.ts';
import { loggerOptions } from '../http/logger.ts';
import { buildTestApp, type TestApp } from '../test/app.ts';
import { buildCase } from '../test/factories.ts';
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
  const engine = createEngine(t.app, { clock: new ManualClock(T0), databaseUrl: null, pollMs: POLL_MS });
  await engine.start();
  try {
    // Let the start-up cycle pass, then add a deadline that is already due, written directly
    // so that nothing nudges the engine for it: only the deadline phase can find it.
    await new Promise((r) => setTimeout(r, 50));
    const kase = await buildCase(db, { receivedAt: new Date(T0.getTime() - 20 * 60_000) });
    const due = new Date(T0.getTime() - 10 * 60_000);
    await db.insert(deadlines).values({ caseId: kase.id, clock: 'claim', subjectId: '', policyId: null, startedAt: kase.receivedAt, dueAt: due, nextFireAt: due });

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

test('a failing cycle is logged by name and code only, through the real logger, and the engine goes on', async () => {
  const db = t.testDb.database.db;
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  // The production logger's options (serializers, redaction), not the tests' silent one.
  const log = pino(loggerOptions('info') as LoggerOptions, sink);
  // A deadline whose case number is malformed: its escalation refuses to build the notification,
  // so every cycle fails until the row is put right.
  const kase = await buildCase(db, { receivedAt: new Date(T0.getTime() - 20 * 60_000) });
  await db.update(cases).set({ number: 'ENV-2026-1234567' }).where(eq(cases.id, kase.id));
  const due = new Date(T0.getTime() - 10 * 60_000);
  await db.insert(deadlines).values({ caseId: kase.id, clock: 'claim', subjectId: '', policyId: null, startedAt: kase.receivedAt, dueAt: due, nextFireAt: due });

  const engine = createEngine(t.app, { clock: new ManualClock(T0), databaseUrl: null, pollMs: 50, log });
  await engine.start();
  try {
    const failed = () => lines.filter((l) => l.msg === 'engine cycle failed');
    for (let i = 0; i < 100 && failed().length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(failed().length >= 2, 'the engine logged the failure and tried again');
    assert.deepEqual(failed()[0]!.err, { type: 'AppError', message: '', code: 'INTERNAL', stack: '' });

    await db.update(cases).set({ number: 'ENV-2026-123456' }).where(eq(cases.id, kase.id));
    let breachedAt: Date | null = null;
    for (let i = 0; i < 100 && !breachedAt; i++) {
      await new Promise((r) => setTimeout(r, 20));
      [{ breachedAt }] = (await db.select({ breachedAt: deadlines.breachedAt }).from(deadlines).where(eq(deadlines.caseId, kase.id))) as [{ breachedAt: Date | null }];
    }
    assert.ok(breachedAt, 'once the row is right, the next cycle fires it');
  } finally {
    await engine.stop();
  }
});
