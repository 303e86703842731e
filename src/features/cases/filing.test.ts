// Filing a report (file-report.ts): everything a new case needs is written in its one
// transaction, a key is answered from its case however the submits race, and a report that
// fails leaves nothing behind.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { auditLog, caseEvents, cases, deadlines, organisations, outbox, users } from '../../db/schema.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { testPersonnummer, validReport } from '../../test/reports.ts';
import { verifyAuditChain } from '../audit/verify-chain.ts';
import { toActor } from '../auth/queries.ts';
import { fileReport, type FileReportInput, type FilingContext } from './file-report.ts';
import type { ReportBody } from '../../shared/api/cases.ts';

const now = new Date('2026-11-27T23:00:00+01:00'); // a Friday night
let t: TestApp;
let polis: AsUser;

before(async () => {
  t = await buildTestApp({}, () => now);
  polis = await logInAs(t.app, 'polis');
});
after(() => t.close());

const db = () => t.testDb.database.db;
const known = (i: number, extra: Partial<ReportBody> = {}) => validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(i) }, ...extra });

function file(report: ReportBody, key: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': key },
    payload: report,
  });
}

async function input(key: string, report: ReportBody, at = now): Promise<FileReportInput> {
  const [user] = await db().select().from(users).where(eq(users.username, 'polis'));
  const [org] = await db().select().from(organisations).where(eq(organisations.id, user!.orgId));
  return { actor: toActor(user!, org!), report, idempotencyKey: key, requestId: `req-${key}`, now: at };
}

const context = (directory: FilingContext['directory'] = t.app.directoryCache): FilingContext => ({ directory, personKey: 'test-key', effects: t.app.caseEffects });

describe('a filed report', () => {
  test('reports filed at the same moment each get a number, a timeline event, audit rows in their own chain, its clocks and a hub notification', async () => {
    const reports = Array.from({ length: 12 }, (_, i) => known(500 + i));
    const responses = await Promise.all(reports.map((r, i) => file(r, `filing-many-${i}`)));
    for (const res of responses) assert.equal(res.statusCode, 201, res.body);
    const ids = responses.map((r) => r.json().id as string);
    const numbers = responses.map((r) => r.json().number as string);
    assert.equal(new Set(numbers).size, 12);
    for (const n of numbers) assert.match(n, /^ENV-2026-\d{6}$/);

    const rows = await db().select().from(cases).where(inArray(cases.id, ids));
    for (const [i, id] of ids.entries()) {
      const row = rows.find((r) => r.id === id)!;
      assert.equal(row.identityNumber, testPersonnummer(500 + i).replace(/^(\d{8})(\d{4})$/, '$1-$2'));
      assert.equal(row.idempotencyKey, `filing-many-${i}`);
      assert.equal(row.status, 'received');
      assert.equal(row.duplicateFlag, false);
    }
    const events = await db().select().from(caseEvents).where(and(inArray(caseEvents.caseId, ids), eq(caseEvents.type, 'receive')));
    assert.equal(events.length, 12);
    const clocks = await db().select().from(deadlines).where(inArray(deadlines.caseId, ids));
    for (const id of ids) {
      assert.deepEqual(clocks.filter((c) => c.caseId === id).map((c) => c.clock).sort(), ['claim', 'report_to_kvittens'], 'the claim clock and the end-to-end clock to kvittens');
    }
    for (const id of ids) {
      const audit = await db().select().from(auditLog).where(eq(auditLog.subjectId, id)).orderBy(asc(auditLog.id));
      assert.deepEqual(audit.map((a) => a.action), ['case.received', 'deadline.started', 'deadline.started']);
      assert.deepEqual(new Set(audit.map((a) => a.chainKey)), new Set([`case:${id}`]), "a case's rows are the case's chain");
    }
    const live = await db().select().from(outbox).where(and(eq(outbox.topic, 'case.reported'), eq(outbox.channel, 'sse')));
    for (const n of numbers) assert.equal(live.filter((o) => o.payload.caseNumber === n).length, 1, n);
    assert.equal((await verifyAuditChain(db())).intact, true);
  });

  test('the same key twice at once is one case; a different report on a used key is a conflict', async () => {
    const report = known(600);
    const [a, b] = await Promise.all([file(report, 'same-key-1'), file(report, 'same-key-1')]);
    assert.deepEqual([a!.statusCode, b!.statusCode].sort(), [200, 201]);
    assert.equal(a!.json().id, b!.json().id);

    const other = known(601);
    const [c, d] = await Promise.all([file(report, 'same-key-2'), file(other, 'same-key-2')]);
    const [won, lost] = c!.statusCode === 201 ? [c!, d!] : [d!, c!];
    assert.equal(won.statusCode, 201, won.body);
    assert.equal(lost.statusCode, 409, lost.body);
    assert.equal(lost.json().code, 'CONFLICT');
    assert.match(lost.json().detail, /Idempotency-Key/);
    assert.equal((await db().select().from(cases).where(eq(cases.idempotencyKey, 'same-key-2'))).length, 1);
  });

  test('two reports on the same child at once: the later is linked to the earlier and flagged', async () => {
    const report = known(700);
    const [a, b] = await Promise.all([file(report, 'filing-child-1'), file({ ...report, concern: 'Ny händelse samma natt.' }, 'filing-child-2')]);
    assert.equal(a!.statusCode, 201, a!.body);
    assert.equal(b!.statusCode, 201, b!.body);
    const [first, second] = a!.json().duplicateFlag ? [b!, a!] : [a!, b!];
    assert.equal(first.json().duplicateFlag, false);
    assert.equal(second.json().duplicateFlag, true);
    const [row] = await db().select().from(cases).where(eq(cases.id, second.json().id));
    assert.equal(row!.linkedCaseId, first.json().id);
  });

  test('a replay is answered from its case and spends no case number', async () => {
    const serial = (number: string) => Number(number.slice(-6));
    const first = await fileReport(db(), await input('replay-1', known(940)), context());
    const again = await fileReport(db(), await input('replay-1', known(940)), context());
    assert.equal(first.created, true);
    assert.equal(again.created, false);
    assert.equal(again.row.id, first.row.id);
    const next = await fileReport(db(), await input('replay-2', known(941)), context());
    assert.equal(serial(next.row.number), serial(first.row.number) + 1);
  });

  test("the year's first report starts the year's number series", async () => {
    const filed = await fileReport(db(), await input('new-year', known(950), new Date('2031-01-01T00:05:00+01:00')), context());
    assert.equal(filed.row.number, 'ENV-2031-000001');
    assert.equal(filed.row.receiptDate, '2031-01-01');
  });

  test('a report that fails leaves nothing behind, and the next one is filed', async () => {
    const unreadable = { get: () => Promise.reject(new Error('directory unavailable')) };
    await assert.rejects(fileReport(db(), await input('nodir', known(920)), context(unreadable)), /directory unavailable/);
    // PostgreSQL refuses a NUL character in jsonb (the HTTP layer refuses it earlier).
    await assert.rejects(fileReport(db(), await input('nul', { ...known(921), concern: 'tecken \u0000 som inte kan lagras' }), context()));
    assert.equal((await db().select().from(cases).where(inArray(cases.idempotencyKey, ['nodir', 'nul']))).length, 0);
    const received = await db().select().from(auditLog).where(eq(auditLog.requestId, 'req-nul'));
    assert.equal(received.length, 0, 'no audit row for a case that was not filed');
    assert.equal((await fileReport(db(), await input('after-failures', known(922)), context())).created, true);
  });

  test('an identity number that is not valid on the receipt date is refused before anything is written', async () => {
    const res = await file(validReport({ child: { identityKind: 'known', identityNumber: '209901012385', name: 'Framtida' } }), 'future-born');
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().code, 'VALIDATION_FAILED');
    assert.equal((await db().select().from(cases).where(eq(cases.idempotencyKey, 'future-born'))).length, 0);
  });
});

describe('losing the race for a key (PostgreSQL: two connections)', { skip: !process.env.DATABASE_URL && 'needs two connections' }, () => {
  /** Effects that hold the first submit after its insert, uncommitted, until released. */
  function heldAfterInsert() {
    let release!: () => void;
    let reached!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const arrived = new Promise<void>((r) => (reached = r));
    const effects: FilingContext['effects'] = {
      async onCreated(tx, row) {
        reached();
        await released;
        await t.app.caseEffects!.onCreated(tx, row);
      },
    };
    return { effects, arrived, release };
  }

  /** Until a backend of this database waits for a lock: the second submit is at the key's index. */
  async function untilSomeoneWaitsForALock() {
    for (let i = 0; i < 500; i++) {
      // As the login user (SET ROLE NONE): the application's role may not see other sessions' waits.
      const [row] = await db().transaction(async (tx) => {
        await tx.execute(sql`set local role none`);
        return tx
          .select({ n: sql<number>`count(*)::int` })
          .from(sql`pg_stat_activity`)
          .where(sql`datname = current_database() and wait_event_type = 'Lock'`);
      });
      if (row!.n > 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.fail('the second submit never waited for the first one’s key');
  }

  const unknownChild = (concern: string) =>
    validReport({ child: { identityKind: 'unknown', name: 'Okänd', estimatedAge: 15, description: 'Svart jacka' }, concern });

  /**
   * Two submits of one key: the first is held after its insert, uncommitted; the second checks the
   * key, finds nothing yet and waits at the key's unique index; then the first commits.
   */
  async function race(key: string, first: ReportBody, second: ReportBody) {
    const held = heldAfterInsert();
    const winner = fileReport(db(), await input(key, first), { ...context(), effects: held.effects });
    await held.arrived;
    const loser = fileReport(db(), await input(key, second), context());
    await untilSomeoneWaitsForALock();
    held.release();
    return { winner: await winner, loser: await loser.then((filed) => ({ filed }), (error: { code?: string }) => ({ error })) };
  }

  test('the same report: the loser is answered from the winner’s case, as a replay', async () => {
    const { winner, loser } = await race('race-same', unknownChild('Samma'), unknownChild('Samma'));
    assert.equal(winner.created, true);
    assert.ok('filed' in loser, 'the loser is answered, not failed');
    assert.equal(loser.filed.created, false);
    assert.equal(loser.filed.row.id, winner.row.id);
    assert.equal((await db().select().from(cases).where(eq(cases.idempotencyKey, 'race-same'))).length, 1);
    assert.equal((await verifyAuditChain(db())).intact, true);
  });

  test('a different report: the loser gets CONFLICT', async () => {
    const { winner, loser } = await race('race-other', unknownChild('Först'), unknownChild('Annan'));
    assert.equal(winner.created, true);
    assert.ok('error' in loser && loser.error.code === 'CONFLICT', JSON.stringify(loser));
  });
});
