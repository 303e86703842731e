// The demo seed brings databases seeded before 2026-12 up to date: their agreements ended on
// 2026-12-31 (after which every demo report would be forwarded). Rows still carrying exactly those
// terms take the current ones; an admin's own edits are left alone; seeding again changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { agreements } from '../../db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { testConfig } from '../../test/app.ts';
import { seedDemo } from './seed-demo.ts';

let testDb: TestDatabase;
before(async () => {
  testDb = await createTestDatabase();
});
after(() => testDb.drop());

const db = () => testDb.database.db;
const agreementOf = async (code: string) => (await db().select().from(agreements).where(eq(agreements.municipalityCode, code)))[0]!;

test('agreements seeded with the old end date are brought up to date, edited ones are not', async () => {
  const { secrets } = testConfig();
  await seedDemo(db(), secrets);
  // As a database seeded before 2026-12 holds them, and one an admin extended by hand.
  await db().update(agreements).set({ validTo: '2026-12-31', terminatedFrom: null }).where(eq(agreements.isDemo, true));
  await db().update(agreements).set({ validTo: '2027-06-30' }).where(eq(agreements.municipalityCode, '0184'));

  const { inserted } = await seedDemo(db(), secrets);
  assert.equal(inserted, 24, 'every demo agreement but the edited one, counted as changed');
  assert.deepEqual(
    { validTo: (await agreementOf('0182')).validTo, terminatedFrom: (await agreementOf('0182')).terminatedFrom },
    { validTo: null, terminatedFrom: null },
    'Nacka: until further notice',
  );
  assert.equal((await agreementOf('0187')).terminatedFrom, '2026-01-01', 'Vaxholm left at the end of 2025');
  assert.equal((await agreementOf('0184')).validTo, '2027-06-30', "an admin's edit stays");
  assert.equal((await seedDemo(db(), secrets)).inserted, 0, 'idempotent');
  const old = await db().select().from(agreements).where(and(eq(agreements.isDemo, true), eq(agreements.validTo, '2026-12-31')));
  assert.deepEqual(old, []);
});
