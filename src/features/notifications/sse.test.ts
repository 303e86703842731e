// Live updates over a real socket: a logged-in client on GET /api/v1/events receives an event
// within a second of the outbox row's commit (woken by NOTIFY on PostgreSQL, by PGlite's own
// listen or the poll in-process), only events addressed to it, and the stream closes on shutdown.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { outbox } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { DEMO_PASSWORD } from '../directory/demo-people.ts';
import type { Engine } from '../../jobs/engine.ts';
import { enqueueNotification, type NotificationPayload } from '../../jobs/notify.ts';
import { createEngine } from '../../jobs/start-engine.ts';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { appCsp } from '../../http/security-headers.ts';

let t: TestApp;
let engine: Engine;
let base: string;

before(async () => {
  t = await buildTestApp({ ENGINE_POLL_MS: '200' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  engine = createEngine(t.app, { databaseUrl: t.testDb.url });
  await engine.start();
});
after(async () => {
  await engine.stop();
  await t.close();
});

async function login(username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  assert.equal(res.status, 200);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** Reads SSE frames until one with a data line arrives, or the time runs out. */
async function nextEvent(reader: ReadableStreamDefaultReader<Uint8Array>, buffer: { text: string }, timeoutMs: number): Promise<{ id: string; data: Record<string, unknown> } | null> {
  const decoder = new TextDecoder();
  const until = Date.now() + timeoutMs;
  for (;;) {
    const frames = buffer.text.split('\n\n');
    buffer.text = frames.pop()!;
    for (const f of frames) {
      const data = /^data: (.*)$/m.exec(f)?.[1];
      if (data) return { id: /^id: (.*)$/m.exec(f)?.[1] ?? '', data: JSON.parse(data) as Record<string, unknown> };
    }
    const left = until - Date.now();
    if (left <= 0) return null;
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
    if (!chunk || chunk.done) return null;
    buffer.text += decoder.decode(chunk.value, { stream: true });
  }
}

const db = () => t.testDb.database.db;

/** Waits (polling) for a condition the test cannot be told about directly. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const started = Date.now(); !(await check()); await new Promise((r) => setTimeout(r, 10))) {
    assert.ok(Date.now() - started < 5000, `not within 5 s: ${what}`);
  }
}

describe('GET /api/v1/events', () => {
  test('anonymous: 401', async () => {
    assert.equal((await fetch(`${base}/api/v1/events`)).status, 401);
  });

  test('the stream carries the security headers although it is written by hand (issue 22 item 8)', async () => {
    const res = await fetch(`${base}/api/v1/events`, { headers: { cookie: await login('nacka') } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), appCsp);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.match(res.headers.get('permissions-policy') ?? '', /camera=\(\)/);
    await res.body!.cancel();
  });

  test('an event reaches the addressed client within a second of commit; others do not get it', async () => {
    const nacka = await fetch(`${base}/api/v1/events`, { headers: { cookie: await login('nacka') } });
    const solna = await fetch(`${base}/api/v1/events`, { headers: { cookie: await login('solna') } });
    assert.equal(nacka.status, 200);
    assert.match(nacka.headers.get('content-type') ?? '', /text\/event-stream/);
    const r1 = nacka.body!.getReader();
    const r2 = solna.body!.getReader();
    const b1 = { text: '' };
    const b2 = { text: '' };
    await until(() => t.app.sseHub.size >= 2, 'both streams registered');
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await withTransaction(t.testDb.database.db, (tx) =>
        enqueueNotification(tx, { topic: 'case.handed_over', caseNumber: `ENV-2026-00030${i}`, orgIds: ['intake-0182'], text: 'Nytt ärende väntar på kvittens.', link: '/arenden/x' }),
      );
      const event = await nextEvent(r1, b1, 1000);
      assert.ok(event, `event ${i} within a second`);
      assert.ok(Date.now() - started < 1000);
      assert.equal(event.data.caseNumber, `ENV-2026-00030${i}`);
      assert.ok(Number(event.id) > 0, 'the publication number is the event id (Last-Event-ID)');
    }
    assert.equal(await nextEvent(r2, b2, 300), null, 'Solna was not addressed');
    await r1.cancel();
    await r2.cancel();
  });

  test('a reconnecting client gets what it missed after Last-Event-ID', async () => {
    const cookie = await login('nacka');
    await withTransaction(t.testDb.database.db, (tx) =>
      enqueueNotification(tx, { topic: 'case.handed_over', caseNumber: 'ENV-2026-000310', orgIds: ['intake-0182'], text: 'Missat.', link: '/arenden/x' }),
    );
    const published = async () => {
      const rows = await db().select({ status: outbox.status }).from(outbox).where(and(eq(outbox.channel, 'sse'), sql`${outbox.payload} ->> 'caseNumber' = 'ENV-2026-000310'`));
      return rows.length > 0 && rows.every((r) => r.status === 'sent');
    };
    await until(published, 'published while no client was connected');
    const res = await fetch(`${base}/api/v1/events`, { headers: { cookie, 'last-event-id': '1' } });
    const event = await nextEvent(res.body!.getReader(), { text: '' }, 1000);
    assert.ok(event);
    await res.body!.cancel().catch(() => {});
  });

  test('an event published while a reconnecting client is caught up reaches it once, after what it missed', async () => {
    const cookie = await login('nacka');
    const enqueue = (caseNumber: string) =>
      withTransaction(db(), (tx) => enqueueNotification(tx, { topic: 'case.handed_over', caseNumber, orgIds: ['intake-0182'], text: 'Missat.', link: '/arenden/x' }));
    await enqueue('ENV-2026-000320');
    await enqueue('ENV-2026-000321');
    const sent = async () => db().select({ id: outbox.liveSeq, status: outbox.status, payload: outbox.payload }).from(outbox).where(and(eq(outbox.channel, 'sse'), sql`${outbox.payload} ->> 'caseNumber' in ('ENV-2026-000320', 'ENV-2026-000321')`)).orderBy(outbox.id);
    await until(async () => (await sent()).every((r) => r.status === 'sent'), 'both published');
    const [missed, meanwhile] = await sent();
    // The second event is published again live the moment the stream registers, that is while
    // the server reads what the client missed, which includes it: the window of a real publish.
    const hub = t.app.sseHub;
    const add = hub.add.bind(hub);
    hub.add = (client) => {
      const remove = add(client);
      hub.deliver([{ id: Number(meanwhile!.id), recipient: { orgId: 'intake-0182' }, payload: meanwhile!.payload as NotificationPayload }]);
      return remove;
    };
    try {
      const res = await fetch(`${base}/api/v1/events`, { headers: { cookie, 'last-event-id': String(Number(missed!.id) - 1) } });
      const reader = res.body!.getReader();
      let text = '';
      for (const until = Date.now() + 1000; Date.now() < until; ) {
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 200))]);
        if (chunk?.done) break;
        if (chunk) text += new TextDecoder().decode(chunk.value);
      }
      const got = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => m[1]);
      assert.deepEqual(got, [String(missed!.id), String(meanwhile!.id)], 'in order, each once');
      await reader.cancel();
    } finally {
      hub.add = add;
    }
  });

  test('an event committed after a later-numbered one was shown still reaches a stream that reconnects in between', { skip: !process.env.DATABASE_URL && 'PGlite has one connection: its transactions cannot commit out of order' }, async () => {
    // Outbox ids are drawn at insert and committed in any order: the report filed first may
    // commit last. The stream counts in publication order, so "Last-Event-ID n" never skips it.
    const cookie = await login('nacka');
    const slow = (async () => {
      await withTransaction(db(), async (tx) => {
        await enqueueNotification(tx, { topic: 'case.handed_over', caseNumber: 'ENV-2026-000330', orgIds: ['intake-0182'], text: 'Först inlagd.', link: '/arenden/x' });
        await new Promise((r) => setTimeout(r, 600));
      });
    })();
    await new Promise((r) => setTimeout(r, 100));
    await withTransaction(db(), (tx) => enqueueNotification(tx, { topic: 'case.handed_over', caseNumber: 'ENV-2026-000331', orgIds: ['intake-0182'], text: 'Senare inlagd.', link: '/arenden/x' }));
    const row = (n: string) => db().select({ id: outbox.id, seq: outbox.liveSeq, status: outbox.status }).from(outbox).where(and(eq(outbox.channel, 'sse'), sql`${outbox.payload} ->> 'caseNumber' = ${n}`));
    await until(async () => (await row('ENV-2026-000331'))[0]?.status === 'sent', 'the later one published first');
    const seen = (await row('ENV-2026-000331'))[0]!;
    await slow;
    await until(async () => (await row('ENV-2026-000330'))[0]?.status === 'sent', 'the earlier one published after');
    const late = (await row('ENV-2026-000330'))[0]!;
    assert.ok(late.id < seen.id && late.seq! > seen.seq!, 'filed first, published last');
    const res = await fetch(`${base}/api/v1/events`, { headers: { cookie, 'last-event-id': String(seen.seq) } });
    const event = await nextEvent(res.body!.getReader(), { text: '' }, 1000);
    assert.equal(event?.data.caseNumber, 'ENV-2026-000330');
    await res.body!.cancel().catch(() => {});
  });
});
