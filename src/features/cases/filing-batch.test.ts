// Reports filed at the same moment are written in one batch (filing-queue.ts). These tests file
// many at once through HTTP and check that each report still gets everything a lone report
// gets, that keys and children repeated inside one batch behave as across batches, and that
// one report's database failure does not take the rest of its batch down.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog, caseEvents, cases, deadlines, organisations, outbox, users } from '../../db/schema.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { testPersonnummer, validReport } from '../../test/reports.ts';
import { chainOf } from '../../audit/record-audit.ts';
import { verifyAuditChain } from '../audit/verify-chain.ts';
import { toActor } from '../auth/queries.ts';
import type { ReportBody } from './schemas.ts';
import { prepareReport, submitReports, type SubmitOutcome } from './submit-report.ts';

const now = new Date('2026-11-27T23:00:00+01:00'); // a Friday night
let t: TestApp;
let polis: AsUser;

before(async () => {
  t = await buildTestApp({}, () => now);
  polis = await logInAs(t.app, 'polis');
});
after(() => t.close());

const db = () => t.testDb.database.db;

function file(report: ReportBody, key: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': key },
    payload: report,
  });
}

/** Batches written and reports in them so far, from the operators' metrics. */
async function batchesSoFar(): Promise<{ batches: number; reports: number }> {
  const body = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(body)?.[1] ?? 0);
  return { batches: value('envagin_filing_batch_size_count'), reports: value('envagin_filing_batch_size_sum') };
}

describe('reports filed at the same moment', () => {
  test('each gets its own number, timeline event, audit row, claim clock and hub notification', async () => {
    const reports = Array.from({ length: 12 }, (_, i) => validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(500 + i) } }));
    const before = await batchesSoFar();
    const responses = await Promise.all(reports.map((r, i) => file(r, `batch-many-${i}`)));
    for (const res of responses) assert.equal(res.statusCode, 201, res.body);
    const after = await batchesSoFar();
    assert.equal(after.reports - before.reports, 12);
    assert.ok(after.batches - before.batches < 12, `12 reports at once were written in ${after.batches - before.batches} transactions`);
    const ids = responses.map((r) => r.json().id as string);
    const numbers = responses.map((r) => r.json().number as string);
    assert.equal(new Set(numbers).size, 12);
    for (const n of numbers) assert.match(n, /^ENV-2026-\d{6}$/);

    const rows = await db().select().from(cases).where(inArray(cases.id, ids));
    assert.equal(rows.length, 12);
    for (const [i, id] of ids.entries()) {
      const row = rows.find((r) => r.id === id)!;
      assert.equal(row.identityNumber, reports[i]!.child.identityKind === 'known' ? reports[i]!.child.identityNumber.replace(/^(\d{8})(\d{4})$/, '$1-$2') : null);
      assert.equal(row.idempotencyKey, `batch-many-${i}`);
      assert.equal(row.duplicateFlag, false);
    }
    const events = await db().select().from(caseEvents).where(and(inArray(caseEvents.caseId, ids), eq(caseEvents.type, 'receive')));
    assert.equal(events.length, 12);
    const received = await db().select().from(auditLog).where(and(eq(auditLog.action, 'case.received'), inArray(auditLog.subjectId, ids)));
    assert.deepEqual(new Set(received.map((a) => a.subjectId)), new Set(ids));
    const clocks = await db().select().from(deadlines).where(inArray(deadlines.caseId, ids));
    assert.deepEqual(clocks.map((c) => c.clock).sort(), Array(12).fill('claim'));
    const started = await db().select().from(auditLog).where(and(eq(auditLog.action, 'deadline.started'), inArray(auditLog.subjectId, ids)));
    assert.equal(started.length, 12);
    const live = await db().select().from(outbox).where(and(eq(outbox.topic, 'case.reported'), eq(outbox.channel, 'sse')));
    for (const n of numbers) assert.equal(live.filter((o) => o.payload.caseNumber === n).length, 1, n);
    assert.equal((await verifyAuditChain(db())).intact, true);
    // No engine runs in this test: every outbox row written so far is still waiting.
    const waiting = (await db().select().from(outbox)).filter((o) => o.status === 'pending').length;
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.equal(Number(/^envagin_outbox_pending (\d+)$/m.exec(metrics)?.[1]), waiting);
  });

  test('the same key twice in one batch: one case; a different report on the key is a conflict', async () => {
    const report = validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(600) } });
    const [a, b] = await Promise.all([file(report, 'batch-same-key-1'), file(report, 'batch-same-key-1')]);
    assert.deepEqual([a!.statusCode, b!.statusCode].sort(), [200, 201]);
    assert.equal(a!.json().id, b!.json().id);

    const other = validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(601) } });
    const [c, d] = await Promise.all([file(report, 'batch-same-key-2'), file(other, 'batch-same-key-2')]);
    // Whichever is written first wins the key; the other is told the key is taken.
    const [won, lost] = c!.statusCode === 201 ? [c!, d!] : [d!, c!];
    assert.equal(won.statusCode, 201, won.body);
    assert.equal(lost.statusCode, 409, lost.body);
    assert.equal(lost.json().code, 'CONFLICT');
    assert.match(lost.json().detail, /Idempotency-Key/);
    assert.equal((await db().select().from(cases).where(eq(cases.idempotencyKey, 'batch-same-key-2'))).length, 1);
  });

  test('two reports on the same child at once: the later is linked to the earlier and flagged', async () => {
    const report = validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(700) } });
    const [a, b] = await Promise.all([file(report, 'batch-child-1'), file({ ...report, concern: 'Ny händelse samma natt.' }, 'batch-child-2')]);
    assert.equal(a!.statusCode, 201, a!.body);
    assert.equal(b!.statusCode, 201, b!.body);
    // Same batch or two concurrent batches: exactly one is the earlier, the other links to it.
    const [first, second] = a!.json().duplicateFlag ? [b!, a!] : [a!, b!];
    assert.equal(first.json().duplicateFlag, false);
    assert.equal(second.json().duplicateFlag, true);
    const [row] = await db().select().from(cases).where(eq(cases.id, second.json().id));
    assert.equal(row!.linkedCaseId, first.json().id);
  });
});

async function polisActor() {
  const [user] = await db().select().from(users).where(eq(users.username, 'polis'));
  const [org] = await db().select().from(organisations).where(eq(organisations.id, user!.orgId));
  return toActor(user!, org!);
}

const context = () => ({ directory: t.app.directoryCache, personKey: 'test-key' });

describe('within one batch (submitReports called with the batch, as the queue does)', () => {
  const prepared = async (key: string, child: number, concern?: string) =>
    prepareReport({
      actor: await polisActor(),
      report: { ...validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(child) } }), ...(concern ? { concern } : {}) },
      idempotencyKey: key,
      requestId: `req-${key}`,
      now,
    });

  test('a key twice: the first creates the case, the second is its replay; a different report on the key is a conflict', async () => {
    const [a, b, c] = await submitReports(db(), [await prepared('inbatch-key', 900), await prepared('inbatch-key', 900), await prepared('inbatch-key', 901)], context());
    assert.ok(a!.ok && a!.created);
    assert.ok(b!.ok && !b!.created);
    assert.equal(a!.ok && b!.ok && a!.row.id, b!.ok && b!.row.id);
    assert.equal(c!.ok, false);
    assert.equal(!c!.ok && (c!.error as { code?: string }).code, 'CONFLICT');
  });

  test('a replay beside a new report: answered from its case, and it draws no case number', async () => {
    const [first] = await submitReports(db(), [await prepared('replay-beside-1', 940)], context());
    assert.ok(first!.ok && first!.created);
    const [again, other] = await submitReports(db(), [await prepared('replay-beside-1', 940), await prepared('replay-beside-2', 941)], context());
    assert.ok(again!.ok && !again!.created);
    assert.equal(again!.ok && again!.row.id, first!.row.id);
    assert.ok(other!.ok && other!.created);
    const serial = (number: string) => Number(number.slice(-6));
    const [third] = await submitReports(db(), [await prepared('replay-beside-3', 942)], context());
    assert.ok(third!.ok);
    assert.deepEqual([other!.row.number, third!.row.number].map(serial), [serial(first!.row.number) + 1, serial(first!.row.number) + 2], 'no number spent on the replay');
  });

  test('a child twice: the second report is linked to the first and flagged', async () => {
    const [a, b] = await submitReports(db(), [await prepared('inbatch-child-1', 910), await prepared('inbatch-child-2', 910, 'Igen samma natt.')], context());
    assert.ok(a!.ok && b!.ok);
    assert.equal(a!.ok && a!.row.duplicateFlag, false);
    assert.equal(b!.ok && b!.row.linkedCaseId, a!.ok && a!.row.id);
    assert.equal(b!.ok && b!.row.duplicateFlag, true);
  });

  test("a batch's cases and their audit rows share one chain, the next batch another; the log stays intact", async () => {
    const batches: SubmitOutcome[][] = [];
    const withClocks = { ...context(), onCreated: t.app.caseEffects!.onCreated };
    for (const b of [0, 1]) batches.push(await submitReports(db(), await Promise.all([0, 1, 2, 3].map((i) => prepared(`chain-${b}-${i}`, 930 + 4 * b + i))), withClocks));
    const chainsOf = async (outcomes: SubmitOutcome[]) => {
      const ids = outcomes.map((o) => (o.ok ? o.row.id : assert.fail('filed')));
      const rows = await db().select().from(auditLog).where(inArray(auditLog.subjectId, ids));
      assert.deepEqual(new Set(rows.map((r) => r.action)), new Set(['case.received', 'deadline.started']));
      assert.equal(rows.length, 8);
      for (const id of ids) assert.equal(chainOf(id), rows[0]!.chain, 'later rows of the case (chosen by its id) land in the same chain');
      return new Set(rows.map((r) => r.chain));
    };
    const [first, second] = [await chainsOf(batches[0]!), await chainsOf(batches[1]!)];
    assert.equal(first.size, 1);
    assert.equal(second.size, 1);
    assert.notDeepEqual(first, second);
    assert.equal((await verifyAuditChain(db())).intact, true);
  });

  test('a directory that cannot be read fails every report of the batch, answered, not thrown', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let reads = 0;
      const outcomes = await submitReports(db(), [await prepared('nodir-1', 920), await prepared('nodir-2', 921)], {
        directory: { at: () => (reads++, Promise.reject(new Error('directory unavailable'))) },
        personKey: 'test-key',
      });
      assert.deepEqual(outcomes.map((o) => o.ok), [false, false]);
      assert.equal(reads, 1, 'not retried report by report: each would fail the same way');
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(unhandled, []);
      assert.equal((await db().select().from(cases).where(inArray(cases.idempotencyKey, ['nodir-1', 'nodir-2']))).length, 0);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('one report failing in the database', () => {
  test('fails alone: the other reports of its batch are filed', async () => {
    const actor = await polisActor();
    const good = (i: number) =>
      prepareReport({ actor, report: validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(800 + i) } }), idempotencyKey: `isolate-${i}`, requestId: `req-${i}`, now });
    // PostgreSQL refuses a NUL character in jsonb (the HTTP layer refuses it earlier; called
    // directly it stands for any report the database will not take).
    const bad = prepareReport({ actor, report: { ...validReport(), concern: 'tecken \u0000 som inte kan lagras' }, idempotencyKey: 'isolate-bad', requestId: 'req-bad', now });
    const outcomes = await submitReports(db(), [good(1), bad, good(2)], context());
    assert.equal(outcomes[0]!.ok, true);
    assert.equal(outcomes[1]!.ok, false);
    assert.equal(outcomes[2]!.ok, true);
    const filed = await db().select().from(cases).where(inArray(cases.idempotencyKey, ['isolate-1', 'isolate-bad', 'isolate-2']));
    assert.deepEqual(filed.map((r) => r.idempotencyKey).sort(), ['isolate-1', 'isolate-2']);
  });
});
