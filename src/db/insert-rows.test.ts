// insertRows must write and return exactly what Drizzle's own insert would: instants to the
// millisecond, JSON as sent, NULL where null was sent and the column default where nothing was.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../test/app.ts';
import { insertRows } from './insert-rows.ts';
import { cases, outbox, users } from './schema.ts';
import { withTransaction } from './transaction.ts';

describe('insertRows', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  const row = (n: number, extra: Partial<typeof outbox.$inferInsert> = {}) => ({
    topic: 'case.reported',
    channel: 'sse' as const,
    recipient: { orgId: 'hub' },
    payload: { topic: 'case.reported', caseNumber: `ENV-2026-00000${n}`, text: 'Nytt ärende "citat" \\ åäö', link: '/arende/x', nested: [1, { a: null }] },
    dedupeKey: `insert-rows-${n}`,
    ...extra,
  });

  test('round trip: defaults, null, JSON, instants; rows come back mapped as Drizzle maps them', async () => {
    const db = t.testDb.database.db;
    const at = new Date('2026-06-19T21:00:00.123Z');
    const rows = await withTransaction(db, (tx) => insertRows(tx, outbox, [row(1, { nextAttemptAt: at, lastError: null }), row(2, { nextAttemptAt: at, lastError: null })]));
    assert.equal(rows.length, 2);
    assert.deepEqual(rows.map((r) => r.dedupeKey), ['insert-rows-1', 'insert-rows-2']);
    const [stored] = await db.select().from(outbox).where(eq(outbox.dedupeKey, 'insert-rows-1'));
    assert.deepEqual(rows[0], stored);
    assert.equal(typeof stored!.id, 'number');
    assert.equal(stored!.status, 'pending', 'the column default where nothing was sent');
    assert.equal(stored!.lastError, null);
    assert.equal(stored!.nextAttemptAt.toISOString(), at.toISOString());
    assert.deepEqual(stored!.payload, row(1).payload);
  });

  test('on conflict do nothing returns only the rows it inserted', async () => {
    const db = t.testDb.database.db;
    const rows = await withTransaction(db, (tx) => insertRows(tx, outbox, [row(1), row(3)], { onConflictDoNothing: true }));
    assert.deepEqual(rows.map((r) => r.dedupeKey), ['insert-rows-3']);
  });

  test('rows alongside are written by the same statement, or not at all', async () => {
    const db = t.testDb.database.db;
    // The row alongside repeats a unique key: the whole statement fails.
    await assert.rejects(withTransaction(db, (tx) => insertRows(tx, outbox, [row(4)], { alongside: [{ table: outbox, rows: [row(1)] }] })));
    assert.equal((await db.select().from(outbox).where(eq(outbox.dedupeKey, 'insert-rows-4'))).length, 0);
    const written = await withTransaction(db, (tx) => insertRows(tx, outbox, [row(5)], { alongside: [{ table: outbox, rows: [row(6)] }] }));
    assert.equal(written.length, 1, 'only the main table comes back');
    assert.equal((await db.select().from(outbox).where(eq(outbox.dedupeKey, 'insert-rows-6'))).length, 1);
  });

  test('rows that set different columns are refused before anything is sent', async () => {
    const db = t.testDb.database.db;
    await assert.rejects(
      withTransaction(db, (tx) => insertRows(tx, outbox, [row(7), row(8, { lastError: 'x' })])),
      /every row must set the same columns/,
    );
  });

  test("reading back only the database's defaults gives the rows exactly as stored", async () => {
    const db = t.testDb.database.db;
    const [polis] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'polis'));
    const kase = (n: number) => ({
      id: randomUUID(),
      number: `ENV-2026-9${String(n).padStart(5, '0')}`,
      status: 'received' as const,
      receivedAt: new Date('2026-06-19T21:00:00.123Z'),
      receiptDate: '2026-06-19',
      urgency: 'acute' as const,
      reporterUserId: polis!.id,
      reporterOrgId: 'police-roc',
      idempotencyKey: `insert-rows-case-${n}`,
      policeDiaryNumber: `5000-K${n}-26`,
      foundMunicipalityCode: '0182',
      residenceCode: null,
      identityKind: 'unknown' as const,
      report: { urgency: 'acute', text: 'åäö "citat"', nested: [1, { a: null }] },
      routing: { preliminary: true },
    });
    const sent = [kase(1), kase(2)];
    const rows = await withTransaction(db, (tx) => insertRows(tx, cases, sent, { readBack: 'database-defaults' }));
    const stored = await db.select().from(cases).where(inArray(cases.id, sent.map((c) => c.id)));
    for (const row of rows) assert.deepEqual(row, stored.find((s) => s.id === row.id), 'sent values, constant defaults, NULLs and the database-set times');
    assert.equal(rows[0]!.version, 1);
    assert.equal(rows[0]!.assignedUserId, null);
    assert.ok(rows[0]!.createdAt instanceof Date);
  });

  test('reading back only defaults needs the key sent and every row inserted', async () => {
    const db = t.testDb.database.db;
    await assert.rejects(withTransaction(db, (tx) => insertRows(tx, outbox, [row(9)], { readBack: 'database-defaults' })), /needs the primary key sent/);
  });
});
