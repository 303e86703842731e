import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DirectorySnapshot } from './directory-types.ts';
import { collaboratesOn } from './agreements.ts';
import { findCurrentContacts } from './contacts.ts';
import { findCoverageGaps, type CoverageGap } from './coverage.ts';
import { demoDirectory } from './demo-directory.ts';
import { stockholmDate } from './stockholm-time.ts';

const iso = (g: CoverageGap): [string, string, string] => [g.municipalityCode, g.start.toISOString(), g.end.toISOString()];
const hours = (g: CoverageGap): number => (g.end.getTime() - g.start.getTime()) / 3_600_000;

/** Demo directory where Nacka has left Sydostjouren: only its office hours are covered. */
function withoutNackaJour(): DirectorySnapshot {
  const dir = demoDirectory();
  for (const g of dir.jourGroups) g.members = g.members.filter((m) => m.municipalityCode !== '0182');
  return dir;
}

test('demo directory: no gaps in 2024, 2025 and 2026', () => {
  assert.deepEqual(findCoverageGaps(demoDirectory(), '2024-01-01', 366), []);
  assert.deepEqual(findCoverageGaps(demoDirectory(), '2025-01-01', 365), []);
  assert.deepEqual(findCoverageGaps(demoDirectory(), '2026-01-01', 365), []);
});

test('a municipality without jour is uncovered outside office hours, exactly', () => {
  const gaps = findCoverageGaps(withoutNackaJour(), '2025-03-03', 7); // Mon 3 – Sun 9 March
  assert.deepEqual(gaps.map(iso), [
    ['0182', '2025-03-02T23:00:00.000Z', '2025-03-03T07:00:00.000Z'],
    ['0182', '2025-03-03T16:00:00.000Z', '2025-03-04T07:00:00.000Z'],
    ['0182', '2025-03-04T16:00:00.000Z', '2025-03-05T07:00:00.000Z'],
    ['0182', '2025-03-05T16:00:00.000Z', '2025-03-06T07:00:00.000Z'],
    ['0182', '2025-03-06T16:00:00.000Z', '2025-03-07T07:00:00.000Z'],
    ['0182', '2025-03-07T16:00:00.000Z', '2025-03-09T23:00:00.000Z'],
  ]);
  assert.equal(gaps[0]?.municipalityName, 'Nacka');
});

test('gaps across the DST changes have the real length (62 h in spring, 64 h in autumn)', () => {
  const spring = findCoverageGaps(withoutNackaJour(), '2025-03-28', 4).find((g) => g.start.toISOString() === '2025-03-28T16:00:00.000Z');
  assert.equal(spring?.end.toISOString(), '2025-03-31T06:00:00.000Z');
  assert.equal(hours(spring!), 62);
  const autumn = findCoverageGaps(withoutNackaJour(), '2025-10-24', 4).find((g) => g.start.toISOString() === '2025-10-24T15:00:00.000Z');
  assert.equal(autumn?.end.toISOString(), '2025-10-27T07:00:00.000Z');
  assert.equal(hours(autumn!), 64);
});

test('Easter 2025: one gap from Thursday 13:00 (shortened) to Tuesday 08:00', () => {
  const gaps = findCoverageGaps(withoutNackaJour(), '2025-04-17', 5);
  assert.deepEqual(gaps.map(iso), [
    ['0182', '2025-04-16T22:00:00.000Z', '2025-04-17T06:00:00.000Z'],
    ['0182', '2025-04-17T11:00:00.000Z', '2025-04-21T22:00:00.000Z'],
  ]);
});

test('only days on which the municipality collaborates are checked (Nacka from 2024-03-01)', () => {
  const gaps = findCoverageGaps(withoutNackaJour(), '2024-02-28', 3);
  // Friday 2024-03-01 is the first day checked: before 08:00 and from 17:00.
  assert.deepEqual(gaps.map(iso), [
    ['0182', '2024-02-29T23:00:00.000Z', '2024-03-01T07:00:00.000Z'],
    ['0182', '2024-03-01T16:00:00.000Z', '2024-03-01T23:00:00.000Z'],
  ]);
  // Nor after an agreement has ended.
  const ended = withoutNackaJour();
  for (const a of ended.agreements) if (a.municipalityCode === '0182') a.validTo = '2026-12-31';
  assert.deepEqual(findCoverageGaps(ended, '2027-01-01', 30), []);
});

test('jour membership ending, jour with limited hours, hub without phone', () => {
  const dir = demoDirectory();
  const sydost = dir.jourGroups.find((g) => g.orgId === 'jour-sydost')!;
  sydost.members = sydost.members.map((m) => (m.municipalityCode === '0138' ? { ...m, to: '2025-03-05' } : m));
  const tyreso = findCoverageGaps(dir, '2025-03-03', 7);
  assert.ok(tyreso.every((g) => g.municipalityCode === '0138'));
  assert.equal(tyreso[0]?.start.toISOString(), '2025-03-05T23:00:00.000Z'); // 2025-03-06 00:00

  const dir2 = demoDirectory();
  const nights = [{ start: '00:00', end: '08:00' }, { start: '17:00', end: '24:00' }];
  const j = dir2.jourGroups.find((g) => g.orgId === 'jour-nordost')!;
  j.hours = { weekly: { 1: nights, 2: nights, 3: nights, 4: nights, 5: nights }, closedOnPublicHolidays: false, closedOnEves: false, dayBeforeHoliday: null, exceptions: [] };
  const weekend = findCoverageGaps(dir2, '2025-03-08', 2); // Saturday + Sunday: nobody for 7 members
  assert.equal(weekend.length, 7);
  assert.ok(weekend.every((g) => hours(g) === 48));

  const dir3 = demoDirectory();
  dir3.hub.contacts = [];
  const sthlm = findCoverageGaps(dir3, '2025-03-08', 1);
  assert.deepEqual(sthlm.map(iso), [['0180', '2025-03-07T23:00:00.000Z', '2025-03-08T23:00:00.000Z']]);
});

test('a jour group without any phone number does not count as coverage', () => {
  const dir = demoDirectory();
  const j = dir.jourGroups.find((g) => g.orgId === 'jour-sodertalje')!;
  j.contacts = j.contacts.map((c) => ({ ...c, phone: '' }));
  const gaps = findCoverageGaps(dir, '2025-03-08', 1);
  assert.deepEqual(gaps.map((g) => g.municipalityCode), ['0140', '0181']);
});

test('property: an instant is in a gap exactly when routing finds nobody to call', () => {
  const dir = withoutNackaJour();
  dir.jourGroups.find((g) => g.orgId === 'jour-nordost')!.hours = {
    weekly: { 6: [{ start: '10:00', end: '14:00' }], 7: [{ start: '10:00', end: '14:00' }] },
    closedOnPublicHolidays: true,
    closedOnEves: false,
    dayBeforeHoliday: null,
    exceptions: [],
  };
  const from = '2025-01-01';
  const gaps = findCoverageGaps(dir, from, 365);
  const codes = ['0182', '0186', '0160', '0138', '0180'];
  fc.assert(
    fc.property(fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2025-12-31T22:00:00Z'), noInvalidDate: true }), fc.constantFrom(...codes), (at, code) => {
      fc.pre(stockholmDate(at) >= from);
      const inGap = gaps.some((g) => g.municipalityCode === code && g.start <= at && at < g.end);
      const nobody = collaboratesOn(dir, code, stockholmDate(at)) && findCurrentContacts(dir, code, at).length === 0;
      assert.equal(inGap, nobody, `${code} ${at.toISOString()}`);
    }),
    { numRuns: 3000 },
  );
});

// Speed is measured in bench/routing.ts, not asserted here.
test('all 26 municipalities over 365 days without jour groups: a gap every closed stretch', () => {
  const dir = withoutNackaJour();
  for (const g of dir.jourGroups) g.members = [];
  const gaps = findCoverageGaps(dir, '2025-06-01', 365);
  assert.ok(gaps.length > 25 * 200);
});

test('a municipality without its own intake unit is not covered by other municipalities’ open offices', () => {
  const dir = withoutNackaJour();
  dir.intakeUnits = dir.intakeUnits.filter((u) => u.municipalityCode !== '0182');
  assert.deepEqual(findCoverageGaps(dir, '2025-03-04', 1).map(iso), [['0182', '2025-03-03T23:00:00.000Z', '2025-03-04T23:00:00.000Z']]);
});

test('one phone number is enough: an intake or jour group with a blank contact beside a phone still covers', () => {
  const dir = withoutNackaJour();
  const nacka = dir.intakeUnits.find((u) => u.municipalityCode === '0182')!;
  nacka.contacts.push({ label: 'Fax', phone: '' });
  const sydost = dir.jourGroups.find((g) => g.orgId === 'jour-sydost')!;
  sydost.contacts.push({ label: 'Fax', phone: '' });
  // Nacka's office hours still count; Tyresö and Värmdö are still covered by Sydostjouren.
  assert.deepEqual(findCoverageGaps(dir, '2025-03-04', 1).map(iso), [
    ['0182', '2025-03-03T23:00:00.000Z', '2025-03-04T07:00:00.000Z'],
    ['0182', '2025-03-04T16:00:00.000Z', '2025-03-04T23:00:00.000Z'],
  ]);
  // An intake unit without any phone number covers nothing.
  nacka.contacts = nacka.contacts.map((c) => ({ ...c, phone: ' ' }));
  assert.deepEqual(findCoverageGaps(dir, '2025-03-04', 1).map(iso), [['0182', '2025-03-03T23:00:00.000Z', '2025-03-04T23:00:00.000Z']]);
});

test('gaps are listed by municipality code, whatever the directory order', () => {
  const dir = demoDirectory();
  for (const g of dir.jourGroups) g.members = [];
  dir.municipalities.reverse();
  const codes = [...new Set(findCoverageGaps(dir, '2025-03-08', 1).map((g) => g.municipalityCode))];
  assert.deepEqual(codes, [...codes].sort());
  assert.equal(codes.length, 25);
  assert.equal(codes[0], '0114');
});
