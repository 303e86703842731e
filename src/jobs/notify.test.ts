// DESIGN.md rule 10: a notification carries the case number, what is due and a link, never
// personal data. These fail if anything that looks like a personnummer reaches a payload.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { outbox } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { buildTestApp, type TestApp } from '../test/app.ts';
import { assertNoPersonalData, enqueueNotification } from './notify.ts';

const payload = (text: string, link = '/arenden/3f2b8c1e-1234-4abc-8def-123456789012') => ({ topic: 'case.reported', caseNumber: 'ENV-2026-000123', text, link });

describe('no personal data in notification payloads', () => {
  test('ordinary texts with case numbers, times and UUID links pass', () => {
    assertNoPersonalData(payload('Nytt ärende ENV-2026-000123 väntar på kvittens (tidsfrist 14:05).'));
    assertNoPersonalData(payload('Påminnelse: ärende ENV-2026-000123 – skyddsbedömning är inte registrerad (tidsfrist 23:59).'));
  });
  for (const pnr of ['201001012382', '20100101-2382', '100101-2382', '100101+2382', '1001012382', '20100101 2382']) {
    test(`a personnummer-like "${pnr}" in the text is refused`, () => {
      assert.throws(() => assertNoPersonalData(payload(`Ärende ENV-2026-000123 gäller ${pnr}.`)), /identity number/);
    });
  }
  test('in the link too', () => {
    assert.throws(() => assertNoPersonalData(payload('Nytt ärende.', '/arenden?pnr=201001012382')), /identity number/);
  });
  test('a case number must be one, not free text', () => {
    assert.throws(() => assertNoPersonalData({ ...payload('x'), caseNumber: 'Testbarn Fiktivsson' }), /case number/);
  });
});

describe('enqueueNotification', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  test('writes sse, mailbox and nothing else; refuses personal data without writing anything', async () => {
    const db = t.testDb.database.db;
    const n = await withTransaction(db, (tx) =>
      enqueueNotification(tx, { topic: 'case.handed_over', caseNumber: 'ENV-2026-000124', orgIds: ['intake-0182'], text: 'Ärende ENV-2026-000124 väntar på kvittens.', link: '/arenden/x' }),
    );
    assert.equal(n, 2);
    const rows = await db.select().from(outbox);
    assert.deepEqual(rows.map((r) => [r.channel, r.recipient]).sort(), [
      ['email', { email: 'mottagning@nacka.demo.envagin.se', orgId: 'intake-0182' }],
      ['sse', { orgId: 'intake-0182' }],
    ]);
    for (const r of rows) assert.deepEqual(Object.keys(r.payload).sort(), ['caseNumber', 'link', 'text', 'topic']);
    await assert.rejects(
      withTransaction(db, (tx) => enqueueNotification(tx, { topic: 'x', caseNumber: 'ENV-2026-000125', orgIds: ['hub'], text: 'Barnet 201001012382', link: '/' })),
      /identity number/,
    );
    assert.equal((await db.select().from(outbox)).length, 2);
  });
});
