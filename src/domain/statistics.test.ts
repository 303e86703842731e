import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildReport, countCell, monthsOf, periodDates, share, suppressGroup, summarizeDurations, type Cell, type Table } from './statistics.ts';
import { aggregateFacts, isoWeekOf, median, minutesBetween, percentile, quarterOf } from './statistics-measures.ts';
import { fixtureFacts } from './statistics-fixture.ts';

const shows = (cells: Cell[]) => cells.map((c) => c.display);
const rowsOf = (t: Table) => Object.fromEntries(t.rows.map((r) => [r.key, r.count.display]));

describe('suppression', () => {
  test('a single count: 0 is 0, 1–4 is "<5", 5 and more rounded to the nearest 5', () => {
    assert.deepEqual(shows([0, 1, 4, 5, 7, 8, 12, 13, 120, 122, 123].map(countCell)), ['0', '<5', '<5', '5', '5', '10', '10', '15', '120', '120', '125']);
    assert.equal(countCell(3).value, null);
    assert.equal(countCell(12).value, 10);
  });
  test('a small cell the rounded figures leave at several values needs nothing more', () => {
    const g = suppressGroup([3, 10, 0, 12], 25);
    assert.deepEqual(shows(g.cells), ['<5', '10', '0', '10']);
    assert.equal(g.total.display, '25');
    assert.deepEqual(shows(suppressGroup([2, 3, 9], 14).cells), ['<5', '<5', '10']);
  });
  test('a small cell pinned by the rounded total hides the smallest other non-zero cell', () => {
    // 18 reads 20 (18–22), each 7 reads 5 (5–7): the "<5" could only be 4 — so one 7 is hidden.
    const g = suppressGroup([4, 7, 7], 18);
    assert.deepEqual([...shows(g.cells), g.total.display], ['<5', '..', '5', '20']);
  });
  test('small cells that must all be 4 (or all 1), with nothing else to hide: all non-zero cells hidden', () => {
    assert.deepEqual(shows(suppressGroup([4, 4, 0], 8).cells), ['..', '..', '0']);
    assert.deepEqual(shows(suppressGroup([1, 1, 1, 1, 0], 4).cells), ['..', '..', '..', '..', '0']);
    assert.deepEqual(shows(suppressGroup([1, 1, 1, 1, 1, 1, 1, 5], 12).cells), Array(8).fill('..'));
  });
  test('nothing small, nothing hidden', () => {
    const g = suppressGroup([0, 5, 7], 12);
    assert.deepEqual([...shows(g.cells), g.total.display], ['0', '5', '5', '10']);
  });
  test('a share from the rounded counts, only when numerator, denominator and the rest are not 1–4', () => {
    assert.equal(share(5, 10).share, 0.5);
    assert.equal(share(12, 12).share, 1);
    assert.equal(share(0, 12).share, 0);
    assert.equal(share(12, 40).share, 0.25, '10 of 40');
    assert.equal(share(3, 10).share, null);
    assert.equal(share(7, 10).share, null, 'the other 3 would follow');
    assert.equal(share(0, 4).share, null);
    assert.equal(share(0, 0).share, null);
  });
});

describe('durations', () => {
  test('median, nearest-rank 90th percentile, max', () => {
    assert.equal(median([1, 2, 3]), 2);
    assert.equal(median([1, 2, 3, 4]), 2.5);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9), 10);
    assert.equal(percentile([7, 8, 9, 10, 11], 0.9), 11);
  });
  test('whole minutes rounded half up; negative differences left out', () => {
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
    assert.equal(minutesBetween(at(0), at(89_999)), 1);
    assert.equal(minutesBetween(at(0), at(90_000)), 2);
    assert.equal(minutesBetween(at(30_000), at(0)), 0, 'half a minute early rounds to 0');
    assert.ok(Object.is(minutesBetween(at(20_000), at(0)), 0), 'a zero, not -0');
    assert.equal(minutesBetween(at(30_001), at(0)), null);
    assert.equal(minutesBetween(null, at(0)), null);
  });
  test('only from 5 cases', () => {
    assert.deepEqual(summarizeDurations([4, 1, 3, 2]), { n: { value: null, display: '<5' }, median: null, p90: null, max: null });
    assert.deepEqual(summarizeDurations([50, 10, 40, 20, 30]), { n: { value: 5, display: '5' }, median: 30, p90: 50, max: 50 });
    assert.deepEqual(summarizeDurations([]), { n: { value: 0, display: '0' }, median: null, p90: null, max: null });
  });
});

describe('calendar keys', () => {
  test('ISO weeks, also across the turn of the year', () => {
    assert.equal(isoWeekOf('2026-01-01'), '2026-W01');
    assert.equal(isoWeekOf('2026-01-05'), '2026-W02');
    assert.equal(isoWeekOf('2027-01-01'), '2026-W53');
    assert.equal(isoWeekOf('2024-12-30'), '2025-W01');
    assert.equal(isoWeekOf('2026-03-31'), '2026-W14');
  });
  test('months, quarters and period dates', () => {
    assert.deepEqual(monthsOf({ from: '2025-11', to: '2026-02' }), ['2025-11', '2025-12', '2026-01', '2026-02']);
    assert.equal(quarterOf('2026-03-31'), '2026-Q1');
    assert.equal(quarterOf('2026-10-01'), '2026-Q4');
    assert.deepEqual(periodDates({ from: '2026-01', to: '2026-02' }), { first: '2026-01-01', last: '2026-02-28' });
    assert.deepEqual(periodDates({ from: '2026-12', to: '2026-12' }), { first: '2026-12-01', last: '2026-12-31' });
  });
});

describe('the report over a dozen hand-computed cases', () => {
  const r = buildReport(aggregateFacts(fixtureFacts(), { asOf: new Date('2026-04-30T12:00:00+02:00') }), { period: { from: '2026-01', to: '2026-03' }, municipalities: ['0180', '0182', '0123'] });

  test('counts per month, quarter and week, with the lone small month protected', () => {
    assert.equal(r.total.display, '10', '12 rounded');
    // Jan 6, Feb 5, Mar 1: March is "<5"; 10 (8–12) minus 5 (5–7) twice leaves it at 1 or 2.
    assert.deepEqual(rowsOf(r.byMonth), { '2026-01': '5', '2026-02': '5', '2026-03': '<5' });
    assert.deepEqual(rowsOf(r.byQuarter), { '2026-Q1': '10' });
    assert.equal(r.byWeek.rows.length, 14);
    assert.deepEqual(
      Object.fromEntries(Object.entries(rowsOf(r.byWeek)).filter(([, v]) => v !== '0')),
      { '2026-W02': '<5', '2026-W03': '<5', '2026-W06': '<5', '2026-W07': '<5', '2026-W10': '<5' },
    );
  });
  test('per municipality, office vs jour, weekday and hour', () => {
    assert.deepEqual(rowsOf(r.byMunicipality), { '0123': '<5', '0180': '<5', '0182': '5' });
    // jour 4 is "<5"; office 8 reads 10 (8–12) and the total 10 (8–12): jour could be 1–4.
    assert.deepEqual(rowsOf(r.byOfficeHours), { office: '10', jour: '<5' });
    assert.deepEqual(rowsOf(r.byWeekday), { '1': '<5', '2': '<5', '3': '<5', '4': '<5', '5': '0', '6': '<5', '7': '0' });
    assert.equal(r.byHour.rows.length, 24);
    assert.equal(rowsOf(r.byHour)['09'], '<5');
    assert.equal(rowsOf(r.byHour)['00'], '0');
  });
  test('durations in minutes', () => {
    // report → claim: 5, 10, …, 60 → median (30 + 35) / 2, 90th = the 11th = 55, max 60.
    assert.deepEqual(r.durations.report_to_claim, { n: { value: 10, display: '10' }, median: 32.5, p90: 55, max: 60 });
    // claim → decision: 10, 20, …, 120.
    assert.deepEqual(r.durations.claim_to_decision, { n: { value: 10, display: '10' }, median: 65, p90: 110, max: 120 });
    // Four kvittenser only: not shown.
    assert.deepEqual(r.durations.report_to_kvittens, { n: { value: null, display: '<5' }, median: null, p90: null, max: null });
    assert.equal(r.durations.decision_to_kvittens.median, null);
    assert.equal(r.durations.kvittens_to_skyddsbedomning.median, null);
    // report → förhandsbedömning: 1 … 10 days.
    assert.deepEqual(r.durations.report_to_forhandsbedomning, { n: { value: 10, display: '10' }, median: 5.5 * 1440, p90: 9 * 1440, max: 10 * 1440 });
  });
  test('feedback within 14 days: 7 of 10, not shown as a share (the other 3 would follow)', () => {
    assert.deepEqual(r.feedbackWithin14Days, { numerator: { value: 5, display: '5' }, denominator: { value: 10, display: '10' }, share: null });
  });
  test('breaches and escalations per clock', () => {
    const claim = r.clocks.find((c) => c.clock === 'claim')!;
    // 5 of 12: the rate from the published counts, 5 of 10.
    assert.deepEqual(claim, { clock: 'claim', breachedCases: { value: 5, display: '5' }, breachRate: 0.5, escalatedCases: { value: 0, display: '0' }, escalationRate: 0 });
    const ack = r.clocks.find((c) => c.clock === 'acknowledge')!;
    assert.deepEqual([ack.breachedCases.display, ack.breachRate, ack.escalatedCases.display, ack.escalationRate], ['<5', null, '<5', null]);
    assert.equal(r.clocks.find((c) => c.clock === 'closure')!.breachedCases.display, '0');
  });
  test('shares in the target group, forwarded, returned', () => {
    assert.equal(r.inTargetGroup.share, 1);
    assert.deepEqual([r.forwarded.numerator.display, r.forwarded.share], ['<5', null]);
    assert.deepEqual([r.returned.numerator.display, r.returned.share], ['<5', null]);
  });
  test('feedback not yet due is not counted against anyone', () => {
    const early = buildReport(aggregateFacts(fixtureFacts(), { asOf: new Date('2026-01-10T12:00:00+01:00') }), { period: { from: '2026-01', to: '2026-03' } });
    // On 10 January cases 4 and 10 (no feedback) are not yet 14 days old: 7 of 8 counted.
    assert.deepEqual([early.feedbackWithin14Days.numerator.display, early.feedbackWithin14Days.denominator.display], ['5', '10'], '7 of 8, rounded');
  });
  test('an empty period', () => {
    const e = buildReport(aggregateFacts([], { asOf: new Date('2026-06-01T00:00:00Z') }), { period: { from: '2026-05', to: '2026-05' } });
    assert.equal(e.total.display, '0');
    assert.equal(e.durations.report_to_kvittens.median, null);
    assert.deepEqual(rowsOf(e.byMonth), { '2026-05': '0' });
  });
});
