import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { OpeningHours } from './directory-types.ts';
import { describeDay, isOpen, openIntervals, rangesOn, validateOpeningHours } from './calendar.ts';
import { demoOfficeHours } from './demo-directory.ts';
import { containsInstant } from './intervals.ts';
import { addDays, localToInstant, stockholmDate } from './stockholm-time.ts';
import { EVES, PUBLIC_HOLIDAYS } from './test-fixtures.ts';

const office = demoOfficeHours();
const at = (date: string, time: string): Date => localToInstant(date, time);
const iso = (d: Date): string => d.toISOString();
const allDay = [{ start: '00:00', end: '24:00' }];
const always: OpeningHours = {
  weekly: { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay },
  closedOnPublicHolidays: false,
  closedOnEves: false,
  dayBeforeHoliday: null,
  exceptions: [],
};

test('ordinary weekday: 07:59 closed, 08:00 open, 16:59 open, 17:00 closed (end exclusive)', () => {
  const d = '2025-03-04'; // Tuesday
  assert.equal(isOpen(office, at(d, '07:59')), false);
  assert.equal(isOpen(office, at(d, '08:00')), true);
  assert.equal(isOpen(office, at(d, '16:59')), true);
  assert.equal(isOpen(office, new Date(at(d, '17:00').getTime() - 1)), true);
  assert.equal(isOpen(office, at(d, '17:00')), false);
  assert.deepEqual(rangesOn(office, d), [{ start: '08:00', end: '17:00' }]);
});

test('weekends are closed', () => {
  assert.deepEqual(rangesOn(office, '2025-03-08'), []);
  assert.deepEqual(rangesOn(office, '2025-03-09'), []);
  assert.equal(isOpen(office, at('2025-03-08', '10:00')), false);
});

test('every public holiday and eve of 2024–2027 is closed all day', () => {
  for (const year of [2024, 2025, 2026, 2027]) {
    for (const d of [...(PUBLIC_HOLIDAYS[year] ?? []), ...(EVES[year] ?? [])]) {
      assert.deepEqual(rangesOn(office, d), [], d);
      for (const t of ['08:00', '10:00', '12:59', '16:59']) assert.equal(isOpen(office, at(d, t)), false, `${d} ${t}`);
    }
  }
  assert.equal(describeDay(office, '2025-12-24').source, 'eve');
  assert.equal(describeDay(office, '2025-12-25').source, 'public_holiday');
  assert.equal(describeDay(office, '2025-12-25').note, 'Juldagen');
});

test('shortened day before a public holiday: 2025-05-28 (before Kristi himmelsfärd) 12:59 open, 13:00 closed', () => {
  const d = '2025-05-28';
  assert.deepEqual(rangesOn(office, d), [{ start: '08:00', end: '13:00' }]);
  assert.equal(isOpen(office, at(d, '07:59')), false);
  assert.equal(isOpen(office, at(d, '08:00')), true);
  assert.equal(isOpen(office, at(d, '12:59')), true);
  assert.equal(isOpen(office, at(d, '13:00')), false);
  assert.equal(isOpen(office, at(d, '16:00')), false);
  assert.equal(describeDay(office, d).note, 'dag före kristi himmelsfärdsdag');
});

test('all shortened days of 2025 and 2026 (weekdays before a public holiday, eves excluded)', () => {
  const shortened = (year: number): string[] => {
    const out: string[] = [];
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
      if (describeDay(office, d).source === 'day_before_holiday') out.push(d);
    }
    return out;
  };
  assert.deepEqual(shortened(2025), ['2025-04-17', '2025-04-30', '2025-05-28', '2025-06-05', '2025-10-31']);
  assert.deepEqual(shortened(2026), ['2026-01-05', '2026-04-02', '2026-04-30', '2026-05-13', '2026-06-05', '2026-10-30']);
});

test('precedence: an exception beats a holiday, eves close only with closedOnEves', () => {
  const h: OpeningHours = { ...office, exceptions: [{ date: '2025-12-25', ranges: [{ start: '10:00', end: '12:00' }], note: 'Extra bemanning' }] };
  assert.deepEqual(describeDay(h, '2025-12-25'), { date: '2025-12-25', ranges: [{ start: '10:00', end: '12:00' }], source: 'exception', note: 'Extra bemanning' });
  const closedDay: OpeningHours = { ...office, exceptions: [{ date: '2025-03-04', ranges: [] }] };
  assert.deepEqual(rangesOn(closedDay, '2025-03-04'), []);
  // Julafton 2025 is a Wednesday before juldagen: without the eve rule it is a shortened day.
  const noEves: OpeningHours = { ...office, closedOnEves: false };
  assert.deepEqual(rangesOn(noEves, '2025-12-24'), [{ start: '08:00', end: '13:00' }]);
  const noHolidays: OpeningHours = { ...office, closedOnPublicHolidays: false, dayBeforeHoliday: null };
  assert.deepEqual(rangesOn(noHolidays, '2025-05-29'), [{ start: '08:00', end: '17:00' }]);
  assert.deepEqual(rangesOn(noHolidays, '2025-05-28'), [{ start: '08:00', end: '17:00' }]);
});

test('the shortened-day rule applies Monday–Friday only and never opens a closed day', () => {
  const withSaturday: OpeningHours = { ...office, weekly: { ...office.weekly, 6: [{ start: '10:00', end: '14:00' }] } };
  // 2025-04-19 is the Saturday before påskdagen: normal Saturday hours.
  assert.deepEqual(rangesOn(withSaturday, '2025-04-19'), [{ start: '10:00', end: '14:00' }]);
  const noFriday: OpeningHours = { ...office, weekly: { 1: office.weekly[1] ?? [] } };
  assert.deepEqual(rangesOn(noFriday, '2025-10-31'), []); // Friday before alla helgons dag
});

test('DST spring 2025-03-30: office hours before and after at the right UTC instants', () => {
  const iv = openIntervals(office, '2025-03-27', 5);
  assert.deepEqual(iv.map((i) => [iso(i.start), iso(i.end)]), [
    ['2025-03-27T07:00:00.000Z', '2025-03-27T16:00:00.000Z'],
    ['2025-03-28T07:00:00.000Z', '2025-03-28T16:00:00.000Z'],
    ['2025-03-31T06:00:00.000Z', '2025-03-31T15:00:00.000Z'],
  ]);
  assert.equal(isOpen(office, new Date('2025-03-31T05:59:00Z')), false);
  assert.equal(isOpen(office, new Date('2025-03-31T06:00:00Z')), true);
  assert.equal(isOpen(office, new Date('2025-03-31T14:59:00Z')), true);
  assert.equal(isOpen(office, new Date('2025-03-31T15:00:00Z')), false);
});

test('DST autumn 2025-10-26: office hours before and after at the right UTC instants', () => {
  const iv = openIntervals(office, '2025-10-24', 4);
  assert.deepEqual(iv.map((i) => [iso(i.start), iso(i.end)]), [
    ['2025-10-24T06:00:00.000Z', '2025-10-24T15:00:00.000Z'],
    ['2025-10-27T07:00:00.000Z', '2025-10-27T16:00:00.000Z'],
  ]);
  assert.equal(isOpen(office, new Date('2025-10-27T06:59:00Z')), false);
  assert.equal(isOpen(office, new Date('2025-10-27T07:00:00Z')), true);
  assert.equal(isOpen(office, new Date('2025-10-27T15:59:00Z')), true);
  assert.equal(isOpen(office, new Date('2025-10-27T16:00:00Z')), false);
});

test('openIntervals of a 24/7 calendar merge across midnight and measure 23/25-hour DST days', () => {
  const spring = openIntervals(always, '2025-03-29', 3);
  assert.equal(spring.length, 1);
  assert.equal(iso(spring[0]!.start), '2025-03-28T23:00:00.000Z');
  assert.equal(iso(spring[0]!.end), '2025-03-31T22:00:00.000Z');
  assert.equal((spring[0]!.end.getTime() - spring[0]!.start.getTime()) / 3_600_000, 71);
  const autumn = openIntervals(always, '2025-10-25', 3);
  assert.equal(autumn.length, 1);
  assert.equal((autumn[0]!.end.getTime() - autumn[0]!.start.getTime()) / 3_600_000, 73);
});

test('a night range crossing the DST change: 22:00–24:00 and 00:00–07:00 merge into one night', () => {
  const night = [{ start: '00:00', end: '07:00' }, { start: '22:00', end: '24:00' }];
  const h: OpeningHours = { ...always, weekly: { 1: night, 2: night, 3: night, 4: night, 5: night, 6: night, 7: night } };
  const iv = openIntervals(h, '2025-03-29', 2);
  // Sat 00–07 CET, then Sat 22:00 CET → Sun 07:00 CEST (8 real hours, not 9).
  assert.deepEqual(iv.map((i) => [iso(i.start), iso(i.end)]), [
    ['2025-03-28T23:00:00.000Z', '2025-03-29T06:00:00.000Z'],
    ['2025-03-29T21:00:00.000Z', '2025-03-30T05:00:00.000Z'],
    ['2025-03-30T20:00:00.000Z', '2025-03-30T22:00:00.000Z'],
  ]);
  // The autumn night is 10 real hours.
  const autumn = openIntervals(h, '2025-10-25', 2)[1]!;
  assert.equal((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000, 10);
});

test('bad ranges never throw: ignored by evaluation, reported by validation', () => {
  const bad: OpeningHours = { ...office, weekly: { 2: [{ start: '17:00', end: '08:00' }, { start: '8', end: '9' }] }, exceptions: [{ date: '2025-13-01', ranges: [] }] };
  assert.deepEqual(rangesOn(bad, '2025-03-04'), []);
  assert.equal(isOpen(bad, at('2025-03-04', '10:00')), false);
  assert.equal(validateOpeningHours(bad).length, 3);
  assert.deepEqual(validateOpeningHours(office), []);
});

test('property: isOpen agrees with openIntervals for any instant 2024–2027', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2027-12-31T12:00:00Z'), noInvalidDate: true }), (d) => {
      const from = addDays(stockholmDate(d), -1);
      assert.equal(isOpen(office, d), containsInstant(openIntervals(office, from, 3), d));
    }),
    { numRuns: 3000 },
  );
});

test('property: the office is never open on weekends, holidays, eves, or outside 08–17', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2027-12-31T12:00:00Z'), noInvalidDate: true }), (d) => {
      if (!isOpen(office, d)) return;
      const date = stockholmDate(d);
      const year = Number(date.slice(0, 4));
      assert.ok(![...(PUBLIC_HOLIDAYS[year] ?? []), ...(EVES[year] ?? [])].includes(date), date);
      const hh = Number(d.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', hour12: false }));
      assert.ok(hh >= 8 && hh < 17, `${d.toISOString()} ${hh}`);
    }),
    { numRuns: 3000 },
  );
});

test('describeDay says which rule decided the day and names it', () => {
  assert.deepEqual(describeDay(office, '2025-03-04'), { date: '2025-03-04', ranges: [{ start: '08:00', end: '17:00' }], source: 'weekly', note: null });
  assert.deepEqual(describeDay(office, '2025-03-08'), { date: '2025-03-08', ranges: [], source: 'weekly', note: null });
  assert.deepEqual(describeDay(office, '2025-12-24'), { date: '2025-12-24', ranges: [], source: 'eve', note: 'Julafton' });
  assert.deepEqual(describeDay(office, '2025-12-25'), { date: '2025-12-25', ranges: [], source: 'public_holiday', note: 'Juldagen' });
  assert.deepEqual(describeDay(office, '2025-05-28'), {
    date: '2025-05-28',
    ranges: [{ start: '08:00', end: '13:00' }],
    source: 'day_before_holiday',
    note: 'dag före kristi himmelsfärdsdag',
  });
  // An eve that is also the day before a holiday (julafton before juldagen) is an eve.
  assert.equal(describeDay(office, '2025-12-24').source, 'eve');
  // An exception without a note has a null note; its bad ranges are dropped.
  const h: OpeningHours = { ...office, exceptions: [{ date: '2025-03-04', ranges: [{ start: '09:00', end: '09:00' }, { start: '10:00', end: '11:00' }] }] };
  assert.deepEqual(describeDay(h, '2025-03-04'), { date: '2025-03-04', ranges: [{ start: '10:00', end: '11:00' }], source: 'exception', note: null });
  // An exception on one date leaves the others alone.
  assert.equal(describeDay(h, '2025-03-05').source, 'weekly');
});

test('a holiday closes only with closedOnPublicHolidays; then the weekly hours of that weekday apply', () => {
  const open: OpeningHours = { ...office, closedOnPublicHolidays: false };
  assert.deepEqual(describeDay(open, '2025-05-01'), { date: '2025-05-01', ranges: [{ start: '08:00', end: '17:00' }], source: 'weekly', note: null });
  const noEves: OpeningHours = { ...office, closedOnEves: false };
  // Nyårsafton 2025 (Wednesday) is the day before nyårsdagen: shortened, not closed.
  assert.deepEqual(describeDay(noEves, '2025-12-31').source, 'day_before_holiday');
});

test('the shortened day applies on Fridays too, and its own bad ranges are dropped', () => {
  // 2025-10-31 is the Friday before alla helgons dag (Saturday 2025-11-01).
  assert.deepEqual(rangesOn(office, '2025-10-31'), [{ start: '08:00', end: '13:00' }]);
  const badShort: OpeningHours = { ...office, dayBeforeHoliday: [{ start: '13:00', end: '08:00' }, { start: '08:00', end: '12:00' }] };
  assert.deepEqual(rangesOn(badShort, '2025-10-31'), [{ start: '08:00', end: '12:00' }]);
  // A weekday whose weekly hours are all unusable counts as closed: no shortened day.
  const broken: OpeningHours = { ...office, weekly: { ...office.weekly, 5: [{ start: 'x', end: '17:00' }] } };
  assert.deepEqual(describeDay(broken, '2025-10-31'), { date: '2025-10-31', ranges: [], source: 'weekly', note: null });
});

test('a usable range starts before it ends; 24:00 is a valid end, not a start', () => {
  const day = (ranges: { start: string; end: string }[]): OpeningHours => ({ ...office, weekly: { 2: ranges }, dayBeforeHoliday: null });
  assert.deepEqual(rangesOn(day([{ start: '22:00', end: '24:00' }]), '2025-03-04'), [{ start: '22:00', end: '24:00' }]);
  assert.deepEqual(rangesOn(day([{ start: '10:00', end: '10:00' }]), '2025-03-04'), []);
  assert.deepEqual(rangesOn(day([{ start: '10:00', end: '10:01' }]), '2025-03-04'), [{ start: '10:00', end: '10:01' }]);
  assert.deepEqual(rangesOn(day([{ start: '24:00', end: '24:00' }]), '2025-03-04'), []);
  assert.deepEqual(rangesOn(day([{ start: '10:00', end: '25:00' }]), '2025-03-04'), []);
  assert.deepEqual(rangesOn({ ...office, weekly: {} }, '2025-03-04'), []);
});

test('open intervals: none for zero days, one per open day, as real instants', () => {
  assert.deepEqual(openIntervals(office, '2025-03-04', 0), []);
  assert.deepEqual(
    openIntervals(office, '2025-03-07', 4).map((i) => [iso(i.start), iso(i.end)]),
    [
      ['2025-03-07T07:00:00.000Z', '2025-03-07T16:00:00.000Z'],
      ['2025-03-10T07:00:00.000Z', '2025-03-10T16:00:00.000Z'],
    ],
  );
});

test('validation lists every bad range and date in Swedish, saying where it is', () => {
  const h: OpeningHours = {
    weekly: { 1: [{ start: '08:00', end: '17:00' }], 3: [{ start: '17:00', end: '08:00' }] },
    closedOnPublicHolidays: true,
    closedOnEves: true,
    dayBeforeHoliday: [{ start: '08:00', end: '08:00' }],
    exceptions: [
      { date: '2025-02-30', ranges: [] },
      { date: '2025-03-04', ranges: [{ start: '7', end: '9' }] },
    ],
  };
  assert.deepEqual(validateOpeningHours(h), [
    'Ogiltigt tidsintervall 17:00–08:00 (veckodag 3): ange HH:MM–HH:MM där start är före slut.',
    'Ogiltigt tidsintervall 08:00–08:00 (dag före helgdag): ange HH:MM–HH:MM där start är före slut.',
    'Ogiltigt datum i undantag: 2025-02-30.',
    'Ogiltigt tidsintervall 7–9 (undantag 2025-03-04): ange HH:MM–HH:MM där start är före slut.',
  ]);
  assert.deepEqual(validateOpeningHours({ ...h, weekly: { 1: undefined }, dayBeforeHoliday: null, exceptions: [] }), []);
});
