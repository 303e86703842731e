import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addDays,
  daysBetween,
  isValidIsoDate,
  isoWeekdayOf,
  localToInstant,
  offsetMinutesAt,
  parseLocalTime,
  STOCKHOLM_TZ,
  startOfDay,
  stockholmDate,
  toStockholm,
} from './stockholm-time.ts';

const iso = (d: Date): string => d.toISOString();

test('winter and summer offsets', () => {
  assert.equal(offsetMinutesAt(new Date('2025-01-15T12:00:00Z')), 60);
  assert.equal(offsetMinutesAt(new Date('2025-07-15T12:00:00Z')), 120);
});

test('spring forward 2025-03-30: 02:00 CET jumps to 03:00 CEST at 01:00 UTC', () => {
  assert.equal(toStockholm(new Date('2025-03-30T00:59:00Z')).time, '01:59');
  assert.equal(toStockholm(new Date('2025-03-30T01:00:00Z')).time, '03:00');
  assert.equal(offsetMinutesAt(new Date('2025-03-30T00:59:59.999Z')), 60);
  assert.equal(offsetMinutesAt(new Date('2025-03-30T01:00:00Z')), 120);
});

test('fall back 2025-10-26: 03:00 CEST returns to 02:00 CET at 01:00 UTC', () => {
  assert.equal(toStockholm(new Date('2025-10-26T00:30:00Z')).time, '02:30');
  assert.equal(toStockholm(new Date('2025-10-26T01:30:00Z')).time, '02:30');
  assert.equal(offsetMinutesAt(new Date('2025-10-26T00:59:00Z')), 120);
  assert.equal(offsetMinutesAt(new Date('2025-10-26T01:00:00Z')), 60);
});

test('toStockholm gives local date, time, ISO weekday and minutes', () => {
  // 2025-03-07 is a Friday; 22:00Z is 23:00 CET.
  assert.deepEqual(toStockholm(new Date('2025-03-07T22:00:00Z')), { date: '2025-03-07', time: '23:00', weekday: 5, minutes: 1380 });
  // 23:30Z on a Sunday in winter is already Monday 00:30 in Stockholm.
  assert.deepEqual(toStockholm(new Date('2025-03-02T23:30:00Z')), { date: '2025-03-03', time: '00:30', weekday: 1, minutes: 30 });
  assert.equal(stockholmDate(new Date('2023-12-31T23:30:00Z')), '2024-01-01');
  assert.equal(stockholmDate(new Date('2025-06-30T22:00:00Z')), '2025-07-01');
});

test('localToInstant: ordinary winter and summer times', () => {
  assert.equal(iso(localToInstant('2025-01-15', '08:00')), '2025-01-15T07:00:00.000Z');
  assert.equal(iso(localToInstant('2025-07-15', '08:00')), '2025-07-15T06:00:00.000Z');
  assert.equal(iso(localToInstant('2025-07-15', '24:00')), '2025-07-15T22:00:00.000Z');
  assert.equal(iso(localToInstant('2025-12-31', '24:00')), '2025-12-31T23:00:00.000Z');
});

test('localToInstant: Mondays after the DST changes open at the right UTC instants', () => {
  assert.equal(iso(localToInstant('2025-03-28', '08:00')), '2025-03-28T07:00:00.000Z'); // Fri before, CET
  assert.equal(iso(localToInstant('2025-03-31', '08:00')), '2025-03-31T06:00:00.000Z'); // Mon after, CEST
  assert.equal(iso(localToInstant('2025-03-31', '17:00')), '2025-03-31T15:00:00.000Z');
  assert.equal(iso(localToInstant('2025-10-24', '17:00')), '2025-10-24T15:00:00.000Z'); // Fri before, CEST
  assert.equal(iso(localToInstant('2025-10-27', '08:00')), '2025-10-27T07:00:00.000Z'); // Mon after, CET
  assert.equal(iso(localToInstant('2025-10-27', '17:00')), '2025-10-27T16:00:00.000Z');
});

test('localToInstant: spring gap moves forward, autumn overlap takes the earlier instant', () => {
  assert.equal(iso(localToInstant('2025-03-30', '02:00')), '2025-03-30T01:00:00.000Z'); // = 03:00 CEST
  assert.equal(iso(localToInstant('2025-03-30', '02:30')), '2025-03-30T01:30:00.000Z'); // = 03:30 CEST
  assert.equal(iso(localToInstant('2025-03-30', '03:00')), '2025-03-30T01:00:00.000Z');
  assert.equal(iso(localToInstant('2025-03-30', '01:59')), '2025-03-30T00:59:00.000Z');
  assert.equal(iso(localToInstant('2025-10-26', '02:30')), '2025-10-26T00:30:00.000Z'); // first 02:30 (CEST)
  assert.equal(iso(localToInstant('2025-10-26', '03:00')), '2025-10-26T02:00:00.000Z');
  assert.equal(iso(localToInstant('2025-10-26', '01:59')), '2025-10-25T23:59:00.000Z');
  // The DST days are 23 and 25 hours long.
  const len = (d: string) => (localToInstant(d, '24:00').getTime() - localToInstant(d, '00:00').getTime()) / 3_600_000;
  assert.equal(len('2025-03-30'), 23);
  assert.equal(len('2025-10-26'), 25);
  assert.equal(len('2025-10-27'), 24);
});

test('localToInstant is deterministic when called twice (cache)', () => {
  const a = localToInstant('2026-03-29', '02:15');
  const b = localToInstant('2026-03-29', '02:15');
  assert.equal(a.getTime(), b.getTime());
  assert.notEqual(a, b); // a fresh Date each time: callers may mutate it
});

test('date arithmetic', () => {
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2025-02-28', 1), '2025-03-01');
  assert.equal(addDays('2025-12-31', 1), '2026-01-01');
  assert.equal(addDays('2025-03-30', -1), '2025-03-29');
  assert.equal(daysBetween('2025-01-01', '2026-01-01'), 365);
  assert.equal(isoWeekdayOf('2025-03-07'), 5);
  assert.equal(isoWeekdayOf('2025-03-09'), 7);
  assert.equal(isoWeekdayOf('2025-03-10'), 1);
  assert.equal(isValidIsoDate('2025-02-29'), false);
  assert.equal(isValidIsoDate('2024-02-29'), true);
  assert.equal(isValidIsoDate('2024-2-9'), false);
  assert.throws(() => addDays('nope', 1), RangeError);
});

test('parseLocalTime accepts 00:00..24:00 only', () => {
  assert.equal(parseLocalTime('00:00'), 0);
  assert.equal(parseLocalTime('17:00'), 1020);
  assert.equal(parseLocalTime('24:00'), 1440);
  for (const bad of ['24:01', '25:00', '8:00', '08:60', 'x']) assert.throws(() => parseLocalTime(bad), RangeError, bad);
});

test('invalid instants throw a RangeError, not a wrong answer', () => {
  assert.throws(() => toStockholm(new Date('nonsense')), RangeError);
});

const instant2020s = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });

test('property: offset is always +60 or +120 minutes', () => {
  fc.assert(fc.property(instant2020s, (d) => [60, 120].includes(offsetMinutesAt(d))), { numRuns: 2000 });
});

test('property: wall time → instant → wall time round-trips', () => {
  fc.assert(
    fc.property(instant2020s, (d) => {
      const local = toStockholm(d);
      const back = toStockholm(localToInstant(local.date, local.time));
      assert.deepEqual(back, local);
      // The instant found is this minute, or (second 02:xx of an autumn night) one hour earlier.
      const floor = Math.floor(d.getTime() / 60_000) * 60_000;
      const found = localToInstant(local.date, local.time).getTime();
      assert.ok(found === floor || found === floor - 3_600_000);
    }),
    { numRuns: 2000 },
  );
});

test('property: addDays and daysBetween are inverse; weekdays cycle every 7 days', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('1900-01-01Z'), max: new Date('2100-12-31Z'), noInvalidDate: true }), fc.integer({ min: -3000, max: 3000 }), (d, n) => {
      const date = d.toISOString().slice(0, 10);
      assert.equal(addDays(addDays(date, n), -n), date);
      assert.equal(daysBetween(date, addDays(date, n)), n);
      assert.equal(isoWeekdayOf(addDays(date, 7 * Math.trunc(n / 7))), isoWeekdayOf(date));
    }),
  );
});

test('the zone is Europe/Stockholm', () => {
  assert.equal(STOCKHOLM_TZ, 'Europe/Stockholm');
});

test('a calendar date is YYYY-MM-DD and must exist', () => {
  for (const ok of ['2024-02-29', '2025-12-31', '2025-01-01', '0001-01-01', '0099-12-31', '9999-12-31']) assert.equal(isValidIsoDate(ok), true, ok);
  for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-01-32', '2025-04-31', '2025-01-00', '1900-02-29', ' 2025-01-01', '2025-01-01 ', '2025-01-01T00:00', '20250101', '']) {
    assert.equal(isValidIsoDate(bad), false, JSON.stringify(bad));
  }
  assert.equal(isValidIsoDate('2000-02-29'), true);
});

test('early years are not read as 19xx', () => {
  assert.equal(addDays('0050-02-28', 1), '0050-03-01');
  assert.equal(addDays('0099-12-31', 1), '0100-01-01');
  assert.equal(addDays('0001-01-01', 0), '0001-01-01');
  assert.equal(daysBetween('0099-12-31', '0100-01-01'), 1);
  assert.equal(isoWeekdayOf('0001-01-01'), 1);
});

test('whole days between dates, also across a DST change', () => {
  assert.equal(daysBetween('2025-03-29', '2025-03-31'), 2);
  assert.equal(daysBetween('2025-10-27', '2025-10-25'), -2);
  assert.equal(daysBetween('2025-03-04', '2025-03-04'), 0);
  assert.throws(() => daysBetween('2025-03-04', '2025-02-30'), { name: 'RangeError', message: 'Ogiltigt datum: "2025-02-30"' });
  assert.throws(() => daysBetween('x', '2025-03-04'), { name: 'RangeError', message: 'Ogiltigt datum: "x"' });
});

test('every ISO weekday of a week, Monday = 1 … Sunday = 7', () => {
  assert.deepEqual(
    ['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07', '2025-03-08', '2025-03-09'].map(isoWeekdayOf),
    [1, 2, 3, 4, 5, 6, 7],
  );
  assert.deepEqual(
    ['2025-03-09T11:00:00Z', '2025-03-08T11:00:00Z', '2025-03-03T11:00:00Z'].map((s) => toStockholm(new Date(s)).weekday),
    [7, 6, 1],
  );
});

test('a local time is HH:MM from 00:00 to 24:00, with a Swedish message otherwise', () => {
  assert.equal(parseLocalTime('23:59'), 1439);
  assert.equal(parseLocalTime('09:05'), 545);
  assert.equal(parseLocalTime('19:30'), 1170);
  for (const bad of ['24:30', '08:00 ', ' 08:00', '0800', '08:0', '30:00', '']) assert.throws(() => parseLocalTime(bad), RangeError, JSON.stringify(bad));
  assert.throws(() => parseLocalTime('25:00'), { message: 'Ogiltig klockslag: "25:00"' });
  assert.throws(() => localToInstant('2025-03-04', '24:01'), RangeError);
  assert.throws(() => localToInstant('2025-02-30', '10:00'), RangeError);
});

test('an invalid instant is refused with a Swedish message wherever it is used', () => {
  const bad = new Date(Number.NaN);
  for (const f of [() => toStockholm(bad), () => offsetMinutesAt(bad), () => stockholmDate(bad)]) {
    assert.throws(f, { name: 'RangeError', message: 'Ogiltig tidpunkt (Invalid Date)' });
  }
});

test('the wall clock drops seconds, it does not round them', () => {
  assert.deepEqual(toStockholm(new Date('2025-03-04T09:59:59.999Z')), { date: '2025-03-04', time: '10:59', weekday: 2, minutes: 659 });
  assert.deepEqual(toStockholm(new Date('2025-07-04T21:59:59Z')), { date: '2025-07-04', time: '23:59', weekday: 5, minutes: 1439 });
});

test('offsets change exactly at the transition instant, inside a 15-minute bucket too', () => {
  // 2025-03-30T00:59:59.999Z is CET, 01:00:00Z is CEST; 01:14:59Z is in the same bucket as 01:00Z.
  assert.equal(offsetMinutesAt(new Date('2025-03-30T00:45:00Z')), 60);
  assert.equal(offsetMinutesAt(new Date('2025-03-30T01:14:59Z')), 120);
  assert.equal(offsetMinutesAt(new Date('2025-10-26T00:45:00Z')), 120);
  assert.equal(offsetMinutesAt(new Date('2025-10-26T01:14:59Z')), 60);
});

test('the start of a Stockholm day is local midnight, in winter and in summer', () => {
  assert.equal(iso(startOfDay('2025-01-15')), '2025-01-14T23:00:00.000Z');
  assert.equal(iso(startOfDay('2025-07-15')), '2025-07-14T22:00:00.000Z');
  assert.equal(iso(startOfDay('2025-03-30')), '2025-03-29T23:00:00.000Z');
  assert.equal(iso(startOfDay('2025-10-26')), '2025-10-25T22:00:00.000Z');
  assert.equal(iso(startOfDay('2025-10-27')), '2025-10-26T23:00:00.000Z');
});
