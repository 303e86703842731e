// When does the office open next: the moment a jour's night case reaches the office intake.
// Expected instants are written out by hand in UTC, so a DST mistake cannot cancel itself out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpeningHours } from './directory-types.ts';
import { demoDirectory, demoOfficeHours } from './demo-directory.ts';
import { nextOfficeOpening, officeIntakeOf } from './office-opening.ts';

const office = demoOfficeHours();
const next = (from: string) => nextOfficeOpening(office, new Date(from))?.toISOString() ?? null;

test('a Friday night case reaches the office on Monday at 08:00', () => {
  assert.equal(next('2026-11-27T23:00:00+01:00'), '2026-11-30T07:00:00.000Z');
  assert.equal(next('2026-11-28T12:00:00+01:00'), '2026-11-30T07:00:00.000Z', 'Saturday');
  assert.equal(next('2026-11-30T07:59:59+01:00'), '2026-11-30T07:00:00.000Z', 'Monday just before opening');
});

test('while the office is open it is now; at 17:00 (closed) it is the next morning', () => {
  assert.equal(next('2026-12-01T10:15:00+01:00'), '2026-12-01T09:15:00.000Z');
  assert.equal(next('2026-12-01T08:00:00+01:00'), '2026-12-01T07:00:00.000Z');
  assert.equal(next('2026-12-01T17:00:00+01:00'), '2026-12-02T07:00:00.000Z');
});

test('Easter: the shortened Thursday closes at 13:00, then nothing until Tuesday (summer time by then)', () => {
  assert.equal(next('2026-04-02T12:59:00+02:00'), '2026-04-02T10:59:00.000Z', 'still open on skärtorsdagen morning');
  assert.equal(next('2026-04-02T13:00:00+02:00'), '2026-04-07T06:00:00.000Z');
});

test('julafton, juldagen, annandag jul and the weekend: Monday 28 December', () => {
  assert.equal(next('2026-12-23T18:00:00+01:00'), '2026-12-28T07:00:00.000Z');
});

test('nyårsafton is closed and nyårsdagen a public holiday: Monday 4 January', () => {
  assert.equal(next('2026-12-30T17:30:00+01:00'), '2027-01-04T07:00:00.000Z');
});

test('midsommarafton: from Thursday evening to Monday', () => {
  assert.equal(next('2026-06-18T20:00:00+02:00'), '2026-06-22T06:00:00.000Z');
});

test('over the DST changes: 08:00 local is 06:00 UTC in summer, 07:00 UTC in winter', () => {
  assert.equal(next('2026-03-27T20:00:00+01:00'), '2026-03-30T06:00:00.000Z', 'summer time began on Sunday 29 March');
  assert.equal(next('2026-10-23T20:00:00+02:00'), '2026-10-26T07:00:00.000Z', 'summer time ended on Sunday 25 October');
});

test('a per-municipality exception counts: a Saturday opening, or a closed Monday', () => {
  const saturday: OpeningHours = { ...office, exceptions: [{ date: '2026-11-28', ranges: [{ start: '10:00', end: '12:00' }], note: 'Extra' }] };
  assert.equal(nextOfficeOpening(saturday, new Date('2026-11-27T23:00:00+01:00'))?.toISOString(), '2026-11-28T09:00:00.000Z');
  const closedMonday: OpeningHours = { ...office, exceptions: [{ date: '2026-11-30', ranges: [], note: 'Planeringsdag' }] };
  assert.equal(nextOfficeOpening(closedMonday, new Date('2026-11-27T23:00:00+01:00'))?.toISOString(), '2026-12-01T07:00:00.000Z');
});

test('an office open across midnight is open at 00:30', () => {
  const late: OpeningHours = { ...office, weekly: { ...office.weekly, 2: [{ start: '20:00', end: '24:00' }], 3: [{ start: '00:00', end: '02:00' }] } };
  assert.equal(nextOfficeOpening(late, new Date('2026-12-02T00:30:00+01:00'))?.toISOString(), '2026-12-01T23:30:00.000Z');
});

test('a calendar that never opens gives null, not a guess', () => {
  const never: OpeningHours = { weekly: {}, closedOnPublicHolidays: true, closedOnEves: true, dayBeforeHoliday: null, exceptions: [] };
  assert.equal(nextOfficeOpening(never, new Date('2026-11-27T23:00:00+01:00')), null);
});

test('the office that takes over from the jour is the municipality’s intake unit', () => {
  const dir = demoDirectory();
  assert.equal(officeIntakeOf(dir, '0182')?.orgId, 'intake-0182');
  assert.equal(officeIntakeOf(dir, '9999'), null);
});
