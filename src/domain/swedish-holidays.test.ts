import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import Holidays from 'date-holidays';
import { eveName, holidaysOf, isEve, isPublicHoliday, midsommarafton, publicHolidayName } from './swedish-holidays.ts';
import { isoWeekdayOf } from './stockholm-time.ts';
import { EVES, PUBLIC_HOLIDAYS } from './test-fixtures.ts';

test('public holidays 2024–2027 are exactly the 13 Swedish ones', () => {
  for (const [year, dates] of Object.entries(PUBLIC_HOLIDAYS)) {
    assert.deepEqual([...holidaysOf(Number(year)).publicHolidays.keys()].sort(), dates, year);
    for (const d of dates) assert.ok(isPublicHoliday(d), d);
  }
});

test('eves 2024–2027', () => {
  for (const [year, dates] of Object.entries(EVES)) {
    assert.deepEqual([...holidaysOf(Number(year)).eves.keys()].sort(), dates, year);
  }
  assert.equal(eveName('2025-06-20'), 'Midsommarafton');
  assert.equal(eveName('2025-12-24'), 'Julafton');
  assert.equal(eveName('2025-12-31'), 'Nyårsafton');
  assert.equal(eveName('2025-12-23'), null);
});

test('names are Swedish and capitalized', () => {
  assert.equal(publicHolidayName('2025-05-29'), 'Kristi himmelsfärdsdag');
  assert.equal(publicHolidayName('2025-06-06'), 'Nationaldagen');
  assert.equal(publicHolidayName('2025-12-25'), 'Juldagen');
});

test('observances and half-days are not public holidays (working days)', () => {
  for (const d of ['2025-04-19' /* påskafton */, '2025-04-30' /* valborg */, '2025-06-09' /* annandag pingst */, '2025-01-05', '2025-12-13', '2025-04-17']) {
    assert.equal(isPublicHoliday(d), false, d);
    assert.equal(isEve(d), false, d);
  }
  // Eves are not public holidays either: they are a separate rule.
  for (const d of EVES[2025] ?? []) assert.equal(isPublicHoliday(d), false, d);
});

test('cross-check: our eves are what date-holidays calls midsommarafton, julafton, nyårsafton', () => {
  const hd = new Holidays('SE');
  for (let year = 2000; year <= 2040; year++) {
    const lib = hd
      .getHolidays(year)
      .filter((h) => ['midsommarafton', 'julafton', 'nyårsafton'].includes(h.name.toLowerCase()))
      .map((h) => h.date.slice(0, 10))
      .sort();
    assert.deepEqual(lib, [...holidaysOf(year).eves.keys()].sort(), String(year));
  }
});

test('property: midsommarafton is the Friday between 19 and 25 June, the day before midsommardagen', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1953, max: 2100 }), (year) => {
      const d = midsommarafton(year);
      const day = Number(d.slice(8));
      assert.equal(isoWeekdayOf(d), 5);
      assert.ok(d.slice(5, 7) === '06' && day >= 19 && day <= 25, d);
      assert.equal(publicHolidayName(`${year}-06-${String(day + 1).padStart(2, '0')}`), 'Midsommardagen');
    }),
    { numRuns: 150 },
  );
});

test('cached per year: the same tables are returned', () => {
  assert.equal(holidaysOf(2031), holidaysOf(2031));
  assert.equal(isPublicHoliday('2031-05-01'), true);
});

test('isEve and isPublicHoliday answer yes on the day itself', () => {
  for (const d of ['2025-06-20', '2025-12-24', '2025-12-31']) assert.equal(isEve(d), true, d);
  assert.equal(isPublicHoliday('2025-06-21'), true);
  assert.equal(isEve('2025-06-21'), false);
});

test('years are four digits: the rules hold before year 1000 too', () => {
  assert.equal(midsommarafton(950).slice(0, 8), '0950-06-');
  assert.equal(isoWeekdayOf(midsommarafton(950)), 5);
  assert.equal(eveName('0950-12-24'), 'Julafton');
  assert.equal(eveName('0950-12-31'), 'Nyårsafton');
});
