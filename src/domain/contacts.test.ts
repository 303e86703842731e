// DESIGN.md rule 3: whom to call now. The open intake first, else the jour group that answers for
// the municipality on that date, and for Stockholm finally the hub; contacts without a phone
// number are skipped, because the hub must be able to call someone now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeJourContacts, findCurrentContacts, hasPhone, isMemberOn, jourGroupsFor, openIntakeContacts } from './contacts.ts';
import { demoDirectory, demoOfficeHours } from './demo-directory.ts';
import { localToInstant } from './stockholm-time.ts';

const at = (date: string, time: string) => localToInstant(date, time);
const TUESDAY = '2025-03-04';

test('a contact can be called only if it has a phone number that is not blank', () => {
  assert.equal(hasPhone({ label: 'a', phone: '08-1' }), true);
  assert.equal(hasPhone({ label: 'a', phone: '' }), false);
  assert.equal(hasPhone({ label: 'a', phone: '   ' }), false);
});

test('jour membership holds from its first to its last day, inclusive; open ends are unbounded', () => {
  const m = { municipalityCode: '0182', from: '2025-03-01', to: '2025-03-31' };
  assert.equal(isMemberOn(m, '2025-02-28'), false);
  assert.equal(isMemberOn(m, '2025-03-01'), true);
  assert.equal(isMemberOn(m, '2025-03-31'), true);
  assert.equal(isMemberOn(m, '2025-04-01'), false);
  assert.equal(isMemberOn({ municipalityCode: '0182' }, '1900-01-01'), true);
  assert.equal(isMemberOn({ municipalityCode: '0182', from: null, to: '2025-03-31' }, '2025-04-01'), false);
  assert.equal(isMemberOn({ municipalityCode: '0182', from: '2025-03-01', to: null }, '2025-02-28'), false);
  assert.equal(isMemberOn({ municipalityCode: '0182', from: '2025-03-01', to: null }, '2099-01-01'), true);
});

test('the jour groups of a municipality are those it is a member of on that date', () => {
  const dir = demoDirectory();
  assert.deepEqual(jourGroupsFor(dir, '0182', TUESDAY).map((g) => g.orgId), ['jour-sydost']);
  assert.deepEqual(jourGroupsFor(dir, '0180', TUESDAY), []);
  dir.jourGroups[1]!.members.push({ municipalityCode: '0182', from: '2025-03-05' });
  assert.deepEqual(jourGroupsFor(dir, '0182', TUESDAY).map((g) => g.orgId), ['jour-sydost']);
  assert.deepEqual(jourGroupsFor(dir, '0182', '2025-03-05').map((g) => g.orgId), ['jour-sydost', 'jour-sodertorn']);
});

test('office contacts: only the municipality’s own open units, in directory order, without blank phones', () => {
  const dir = demoDirectory();
  const nacka = dir.intakeUnits.find((u) => u.municipalityCode === '0182')!;
  nacka.contacts.push({ label: 'Fax', phone: ' ' });
  dir.intakeUnits.push({ orgId: 'intake-0182-b', name: 'Nacka B', municipalityCode: '0182', hours: demoOfficeHours(), contacts: [{ label: 'B', phone: '08-2', email: 'b@x' }] });
  assert.deepEqual(
    openIntakeContacts(dir, '0182', at(TUESDAY, '10:00')).map((c) => [c.kind, c.orgId, c.orgName, c.phone, c.email, c.label]),
    [
      ['office', 'intake-0182', 'Mottagningen barn och unga, Nacka', '08-465 004 20', 'mottagning@nacka.demo.envagin.se', 'Mottagningen'],
      ['office', 'intake-0182', 'Mottagningen barn och unga, Nacka', '070-174 06 23', null, 'Mottagningens samordnare'],
      ['office', 'intake-0182-b', 'Nacka B', '08-2', 'b@x', 'B'],
    ],
  );
  assert.deepEqual(openIntakeContacts(dir, '0182', at(TUESDAY, '17:00')), []);
});

test('jour contacts: groups without hours answer whenever asked; groups with hours only within them', () => {
  const dir = demoDirectory();
  assert.deepEqual(
    activeJourContacts(dir, '0182', at(TUESDAY, '10:00')).map((c) => [c.kind, c.orgId, c.orgName, c.phone, c.email, c.label]),
    [
      ['jour', 'jour-sydost', 'Sydostjouren', '08-465 004 70', 'sydostjouren@demo.envagin.se', 'Jourtelefon'],
      ['jour', 'jour-sydost', 'Sydostjouren', '070-174 06 40', null, 'Jourchef'],
    ],
  );
  dir.jourGroups[0]!.hours = { weekly: { 2: [{ start: '17:00', end: '24:00' }] }, closedOnPublicHolidays: false, closedOnEves: false, dayBeforeHoliday: null, exceptions: [] };
  assert.deepEqual(activeJourContacts(dir, '0182', at(TUESDAY, '10:00')), []);
  assert.equal(activeJourContacts(dir, '0182', at(TUESDAY, '17:00')).length, 2);
});

test('the jour membership date is the Stockholm date of the moment asked about', () => {
  const dir = demoDirectory();
  dir.jourGroups[0]!.members = [{ municipalityCode: '0182', from: '2025-03-05' }];
  // 2025-03-04T23:30Z is already 00:30 on 2025-03-05 in Stockholm.
  assert.equal(activeJourContacts(dir, '0182', new Date('2025-03-04T23:30:00Z')).length, 2);
  assert.equal(activeJourContacts(dir, '0182', new Date('2025-03-04T22:30:00Z')).length, 0);
});

test('who to call now: the open office only; when closed the jour; the hub only for Stockholm, after any jour', () => {
  const dir = demoDirectory();
  assert.deepEqual(findCurrentContacts(dir, '0182', at(TUESDAY, '10:00')).map((c) => c.kind), ['office', 'office']);
  assert.deepEqual(findCurrentContacts(dir, '0182', at(TUESDAY, '20:00')).map((c) => c.orgId), ['jour-sydost', 'jour-sydost']);
  assert.deepEqual(findCurrentContacts(dir, '0180', at(TUESDAY, '10:00')).map((c) => c.orgId), ['intake-0180', 'intake-0180']);
  assert.deepEqual(
    findCurrentContacts(dir, '0180', at(TUESDAY, '20:00')).map((c) => [c.kind, c.orgId, c.orgName, c.phone, c.label]),
    [
      ['jour', 'hub', 'Stockholms stads socialjour', '08-465 004 00', 'Socialjouren'],
      ['jour', 'hub', 'Stockholms stads socialjour', '08-465 004 01', 'Socialjourens reservnummer'],
    ],
  );
  dir.jourGroups[0]!.members.push({ municipalityCode: '0180' });
  assert.deepEqual(findCurrentContacts(dir, '0180', at(TUESDAY, '20:00')).map((c) => c.orgId), ['jour-sydost', 'jour-sydost', 'hub', 'hub']);
  // An intake that is open but has no phone number is passed over for the jour.
  dir.intakeUnits.find((u) => u.municipalityCode === '0182')!.contacts = [{ label: 'E-post', phone: '', email: 'x@y' }];
  assert.deepEqual(findCurrentContacts(dir, '0182', at(TUESDAY, '10:00')).map((c) => c.orgId), ['jour-sydost', 'jour-sydost']);
});
