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
