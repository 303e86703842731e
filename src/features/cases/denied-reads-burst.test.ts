// Issue 22 item 5: denied reads of cases are audited (the answer stays 404, existence not leaked)
// and a burst of them by one user alerts the auditors once, through the outbox.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, outbox, users } from '../../db/schema.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { validReport } from '../../test/reports.ts';

let t: TestApp;
let nacka: AsUser;
let sydost: AsUser;
let foreignCase = '';

before(async () => {
  t = await buildTestApp({ DENIED_READS_ALERT_THRESHOLD: '4', DENIED_READS_ALERT_WINDOW_MINUTES: '10' });
  nacka = await logInAs(t.app, 'nacka');
  sydost = await logInAs(t.app, 'sydost');
  const polis = await logInAs(t.app, 'polis');
  const filed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': 'denied-burst-0001' },
    payload: validReport(),
  });
  assert.equal(filed.statusCode, 201, filed.body);
  foreignCase = filed.json().id;
});
after(() => t.close());

const db = () => t.testDb.database.db;
const idOf = async (username: string) => (await db().select().from(users).where(eq(users.username, username)))[0]!.id;
const alerts = () => db().select().from(outbox).where(eq(outbox.topic, 'audit.denied_reads_burst'));

test('a municipality asking for a case not its own gets the same 404 as for none, and each denial is audited', async () => {
  const existing = await nacka.request('GET', `/api/v1/cases/${foreignCase}`);
  const missing = await nacka.request('GET', `/api/v1/cases/${randomUUID()}`);
  assert.equal(existing.statusCode, 404);
  assert.equal(missing.statusCode, 404);
  const strip = (body: string) => ({ ...JSON.parse(body), instance: undefined, requestId: undefined });
  assert.deepEqual(strip(existing.body), strip(missing.body), 'the answer does not tell which exists');
  const rows = await db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'case.access_denied'), eq(auditLog.actorUserId, await idOf('nacka'))));
  assert.equal(rows.length, 2);
  assert.ok(rows.some((r) => r.subjectId === foreignCase));
  assert.deepEqual(await alerts(), [], 'two denials are no burst');
});

test('a burst of denials by one user alerts the auditors once, naming no person and no case', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await nacka.request('GET', `/api/v1/cases/${randomUUID()}`)).statusCode, 404);
  for (let i = 0; i < 3; i++) await sydost.request('GET', `/api/v1/cases/${foreignCase}`);
  const rows = await alerts();
  const revisor = await idOf('revisor');
  assert.deepEqual(
    rows.map((r) => [r.channel, r.recipient]),
    [['sse', { userId: revisor }]],
    'one notification to the auditor, not one per denial, and none for sydost’s three',
  );
  assert.doesNotMatch(JSON.stringify(rows[0]!.payload), /[0-9a-f]{8}-[0-9a-f]{4}-|Nacka|nacka/);
  const alerted = await db().select().from(auditLog).where(eq(auditLog.action, 'audit.denied_reads_alerted'));
  assert.equal(alerted.length, 1);
  assert.equal(alerted[0]!.actorUserId, await idOf('nacka'));
});
