// The SQL aggregation (queries.ts) against the plain definition (aggregateFacts in
// src/domain/statistics-measures.ts): random fact rows, stored, aggregated by the database, must
// give exactly the figures the definition gives — counts, medians, nearest-rank percentiles,
// maxima, the feedback rule, clock tallies — for the county and for each municipality, on
// PostgreSQL and PGlite. Timestamps land on minute and half-minute edges on purpose (rounding),
// some pairs run backwards (left out), some receipt dates sit near DST and the turn of a year.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { eq, inArray, sql } from 'drizzle-orm';
import { caseFacts } from '../../db/schema.ts';
import { aggregateFacts, type StatAggregates, type StatFact } from '../../domain/statistics-measures.ts';
import { periodDates, type Period } from '../../domain/statistics.ts';
import { fixtureFacts } from '../../domain/statistics-fixture.ts';
import { toStockholm } from '../../domain/stockholm-time.ts';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { aggregateStatFacts, type HoursFilter } from './queries.ts';
import { findRollupDrift } from './rollup-drift.ts';

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(() => t.drop());

const MUNICIPALITIES = ['0180', '0182', '0123', '0184'];
const CLOCKS = ['claim', 'acknowledge', 'report_to_kvittens', 'closure', 'zz_extra'];
const PERIOD_START = Date.parse('2025-12-01T00:00:00Z');
const PERIOD_MS = 120 * 86_400_000; // Dec 2025 – Mar 2026: a turn of year and the end of March (DST)

const offset = fc.oneof(
  fc.integer({ min: 0, max: 3 * 86_400_000 }),
  fc.integer({ min: -3, max: 200 }).map((halfMinutes) => halfMinutes * 30_000), // exact half minutes
  fc.integer({ min: -60_000, max: 60_000 }), // around zero, backwards too
  fc.integer({ min: 10 * 86_400_000, max: 20 * 86_400_000 }), // feedback around its 14 days
);
const milestone = fc.option(offset, { nil: null, freq: 3 });

const factArb = fc
  .record({
    at: fc.integer({ min: 0, max: PERIOD_MS - 1 }),
    municipality: fc.option(fc.constantFrom(...MUNICIPALITIES), { nil: null, freq: 8 }),
    handling: fc.option(fc.constantFrom('handover', 'own', 'forward', 'return'), { nil: null, freq: 6 }),
    inTargetGroup: fc.option(fc.boolean(), { nil: null, freq: 5 }),
    claimed: milestone,
    decided: milestone,
    acknowledged: milestone,
    skydd: milestone,
    forhand: milestone,
    feedback: milestone,
    forwarded: fc.boolean(),
    returned: fc.boolean(),
    clocks: fc.dictionary(fc.constantFrom(...CLOCKS), fc.record({ breaches: fc.nat(2), escalations: fc.nat(2) }), { maxKeys: 3 }),
  })
  .map((r): StatFact => {
    const receivedAt = new Date(PERIOD_START + r.at);
    const local = toStockholm(receivedAt);
    const plus = (base: Date | null, ms: number | null) => (base && ms !== null ? new Date(base.getTime() + ms) : null);
    const claimedAt = plus(receivedAt, r.claimed);
    const decidedAt = plus(claimedAt, r.decided);
    const acknowledgedAt = plus(decidedAt, r.acknowledged);
    return {
      receivedAt,
      receivedDate: local.date,
      receivedHour: Math.floor(local.minutes / 60),
      receivedWeekday: local.weekday,
      officeHours: local.weekday <= 5 && local.minutes >= 480 && local.minutes < 1020,
      municipalityCode: r.municipality,
      handling: r.handling,
      inTargetGroup: r.inTargetGroup,
      claimedAt,
      decidedAt,
      acknowledgedAt,
      skyddsbedomningAt: plus(acknowledgedAt, r.skydd),
      forhandsbedomningAt: plus(receivedAt, r.forhand),
      feedbackAt: plus(receivedAt, r.feedback),
      forwardedAt: r.forwarded ? plus(decidedAt ?? receivedAt, 60_000) : null,
      returnedAt: r.returned ? plus(decidedAt ?? receivedAt, 60_000) : null,
      clocks: { ...r.clocks }, // fast-check makes null-prototype dictionaries
    };
  });

function asRow(f: StatFact) {
  return {
    caseId: randomUUID(),
    status: 'closed',
    ...f,
    publicHoliday: false,
    eve: false,
    dayBeforeHoliday: false,
    residenceCode: f.municipalityCode,
    foundCode: '0180',
    responsibleCode: f.municipalityCode,
    ageBand: '15-17',
    ageEstimated: false,
    urgency: 'acute',
    gangRiskTypes: [],
  };
}

/** Zero counts dropped, so "no row" and "0" compare equal. */
function normalized(a: StatAggregates): StatAggregates {
  const nz = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).filter(([, n]) => n !== 0).sort(([x], [y]) => x.localeCompare(y)));
  return {
    ...a,
    byWeek: nz(a.byWeek),
    byMonth: nz(a.byMonth),
    byMunicipality: nz(a.byMunicipality),
    byOfficeHours: nz(a.byOfficeHours),
    byWeekday: nz(a.byWeekday),
    byHour: nz(a.byHour),
    clocks: Object.fromEntries(Object.entries(a.clocks).sort(([x], [y]) => x.localeCompare(y))),
  };
}

function expected(facts: readonly StatFact[], period: Period, hours: HoursFilter, asOf: Date) {
  const { first, last } = periodDates(period);
  const inScope = facts.filter((f) => f.receivedDate >= first && f.receivedDate <= last && (hours === 'all' || f.officeHours === (hours === 'office')));
  return {
    county: aggregateFacts(inScope, { asOf }),
    municipalities: new Map(MUNICIPALITIES.map((m) => [m, aggregateFacts(inScope.filter((f) => f.municipalityCode === m), { asOf })])),
  };
}

/**
 * Stores `facts`. With `history`, each fact is first stored as an earlier version (another
 * receipt, municipality, hours, clocks…) and then rewritten, and extra facts are stored and
 * deleted again: the rollups the trigger keeps (0039) must follow every change, not only inserts.
 */
async function store(facts: readonly StatFact[], history?: { earlier: readonly StatFact[]; deleted: readonly StatFact[] }) {
  const db = t.database.db;
  await db.execute(sql`delete from case_facts`);
  const rows = facts.map(asRow);
  if (!history) {
    if (rows.length > 0) await db.insert(caseFacts).values(rows);
    return;
  }
  // The earlier version: another fact altogether, or this one with only its municipality, its
  // clock tallies or its office hours different (a change the trigger must not skip).
  const earlierOf = (f: StatFact, i: number): StatFact => {
    const other = history.earlier[i % history.earlier.length]!;
    switch (i % 4) {
      case 0:
        return other;
      case 1:
        return { ...f, municipalityCode: other.municipalityCode === f.municipalityCode ? null : other.municipalityCode };
      case 2:
        return { ...f, clocks: other.clocks };
      default:
        return { ...f, officeHours: !f.officeHours };
    }
  };
  const earlier = rows.map((row, i) => ({ ...asRow(earlierOf(facts[i]!, i)), caseId: row.caseId }));
  const deleted = history.deleted.map(asRow);
  if (earlier.length + deleted.length > 0) await db.insert(caseFacts).values([...earlier, ...deleted]);
  for (const { caseId, ...values } of rows) await db.update(caseFacts).set(values).where(eq(caseFacts.caseId, caseId));
  if (deleted.length > 0) await db.delete(caseFacts).where(inArray(caseFacts.caseId, deleted.map((d) => d.caseId)));
}

async function check(facts: readonly StatFact[], period: Period, hours: HoursFilter, asOf: Date, history?: { earlier: readonly StatFact[]; deleted: readonly StatFact[] }) {
  await store(facts, history);
  assert.deepEqual(await findRollupDrift(t.database.db), { days: 0, hours: 0, clocks: 0 }, 'the rollups equal a recount');
  const got = await aggregateStatFacts(t.database.db, { period, hours, municipalities: MUNICIPALITIES, asOf });
  const want = expected(facts, period, hours, asOf);
  assert.deepEqual(normalized(got.county), normalized(want.county), 'county');
  for (const m of MUNICIPALITIES) assert.deepEqual(normalized(got.municipalities.get(m)!), normalized(want.municipalities.get(m)!), m);
}

describe('the SQL aggregation equals the definition', () => {
  test('the dozen hand-computed cases', async () => {
    await check(fixtureFacts(), { from: '2026-01', to: '2026-03' }, 'all', new Date('2026-04-30T12:00:00+02:00'));
    await check(fixtureFacts(), { from: '2026-01', to: '2026-03' }, 'all', new Date('2026-01-10T12:00:00+01:00'));
    await check(fixtureFacts(), { from: '2026-02', to: '2026-02' }, 'office', new Date('2026-04-30T12:00:00+02:00'));
  });

  test('random facts, periods, hours and "now"', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(factArb, { minLength: 0, maxLength: 60 }),
        fc.constantFrom<Period>({ from: '2025-12', to: '2026-03' }, { from: '2026-01', to: '2026-01' }, { from: '2026-02', to: '2026-03' }),
        fc.constantFrom<HoursFilter>('all', 'office', 'jour'),
        fc.integer({ min: 0, max: 150 * 86_400_000 }),
        async (facts, period, hours, asOfOffset) => check(facts, period, hours, new Date(PERIOD_START + asOfOffset)),
      ),
      { numRuns: 40 },
    );
  });

  test('a rollup count changed behind the trigger is found by the recount (envagin doctor)', async () => {
    await store(fixtureFacts());
    // As the owner: no role the application uses may write a rollup (0039).
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local role none`);
      await tx.execute(sql`update case_fact_days set cases = cases + 1 where ctid = (select min(ctid) from case_fact_days where cases > 0)`);
      await tx.execute(sql`delete from case_fact_clocks where ctid = (select min(ctid) from case_fact_clocks where cases > 0)`);
    });
    assert.deepEqual(await findRollupDrift(t.database.db), { days: 2, hours: 0, clocks: 1 });
    await assert.rejects(
      t.database.db.execute(sql`update case_fact_hours set cases = 0`),
      (e: Error) => /permission denied/.test(String(e.cause)),
      'the engine role may not write a rollup',
    );
    // TRUNCATE empties the rollups with the facts (its own trigger): in step again.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local role none`);
      await tx.execute(sql`truncate case_facts`);
    });
    assert.deepEqual(await findRollupDrift(t.database.db), { days: 0, hours: 0, clocks: 0 });
  });

  test('random facts rewritten and deleted after they were first stored', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(factArb, { minLength: 1, maxLength: 40 }),
        fc.array(factArb, { minLength: 1, maxLength: 40 }),
        fc.array(factArb, { maxLength: 10 }),
        fc.constantFrom<HoursFilter>('all', 'office', 'jour'),
        async (facts, earlier, deleted, hours) =>
          check(facts, { from: '2025-12', to: '2026-03' }, hours, new Date(PERIOD_START + PERIOD_MS), { earlier, deleted }),
      ),
      { numRuns: 25 },
    );
  });
});
