import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoDirectory } from './demo-directory.ts';
import { nextContactOrgs } from './escalation-targets.ts';
import { localToInstant } from './stockholm-time.ts';

const dir = demoDirectory();
const mondayOffice = localToInstant('2026-05-04', '10:00');
const mondayNight = localToInstant('2026-05-04', '20:00');
const midsummerEve = localToInstant('2026-06-19', '10:00');

test('office hours: the open intake is the chain; handed over to it, it is re-alerted', () => {
  assert.deepEqual(nextContactOrgs(dir, '0182', 'intake-0182', mondayOffice), ['intake-0182']);
  assert.deepEqual(nextContactOrgs(dir, '0182', null, mondayOffice), ['intake-0182']);
});

test('after the intake closed, the jour group that answers now is next', () => {
  assert.deepEqual(nextContactOrgs(dir, '0182', 'intake-0182', mondayNight), ['jour-sydost']);
  assert.deepEqual(nextContactOrgs(dir, '0182', 'intake-0182', midsummerEve), ['jour-sydost'], 'midsommarafton: closed all day');
});

test('Stockholm at night: the hub', () => {
  assert.deepEqual(nextContactOrgs(dir, '0180', null, mondayNight), ['hub']);
});

test('no municipality: only the handover organisation, or nobody (the step falls through)', () => {
  assert.deepEqual(nextContactOrgs(dir, null, 'intake-0182', mondayNight), ['intake-0182']);
  assert.deepEqual(nextContactOrgs(dir, null, null, mondayNight), []);
});

test('a municipality with nobody reachable (all contacts removed): nobody', () => {
  const broken = { ...dir, jourGroups: dir.jourGroups.map((g) => ({ ...g, contacts: [] })) };
  assert.deepEqual(nextContactOrgs(broken, '0182', 'intake-0182', mondayNight), []);
});

test('a chain of several organisations: the one after the handover organisation, the last one re-alerted, an outsider gets the first', () => {
  const d = demoDirectory();
  d.jourGroups.find((g) => g.orgId === 'jour-sydost')!.members.push({ municipalityCode: '0180' });
  // Stockholm at night with a jour group as well: the chain is jour-sydost, then the hub (each org once).
  assert.deepEqual(nextContactOrgs(d, '0180', 'jour-sydost', mondayNight), ['hub']);
  assert.deepEqual(nextContactOrgs(d, '0180', 'hub', mondayNight), ['hub']);
  assert.deepEqual(nextContactOrgs(d, '0180', 'intake-0180', mondayNight), ['jour-sydost']);
  assert.deepEqual(nextContactOrgs(d, '0180', null, mondayNight), ['jour-sydost']);
});
