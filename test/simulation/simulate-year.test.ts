// The simulated year in short (issue 19): four days of 2027 through the real application and
// engine on the injected clock: the shortened Thursday before Easter (offices close at 13:00),
// Långfredagen, the night of 28 March when the clocks go forward (also Påskdagen) and Annandag
// påsk. The whole year: bench/simulate-year.ts, results in docs/BENCHMARKS.md.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate } from '../../src/test/simulation/year.ts';

test('Easter and summer time 2027: handovers reach who answers, deadlines escalate in their cycle, no open case unalerted', { timeout: 600_000 }, async () => {
  const summary = await simulate({ from: new Date('2027-03-25T12:00:00+01:00'), to: new Date('2027-03-29T12:00:00+02:00'), seed: 19 });
  assert.deepEqual(summary.violations, []);
  // The run did what it is there to do: enough cases, handovers, calls and escalations to mean something.
  assert.ok(summary.cases > 80 && summary.cases < 200, `cases: ${summary.cases}`);
  assert.ok(summary.handovers > 30, `handovers: ${summary.handovers}`);
  assert.ok(summary.contactAttempts.unanswered > 3 && summary.contactAttempts.reached > 30, JSON.stringify(summary.contactAttempts));
  for (const step of ['claim → hub_supervisor', 'acknowledge → next_contact', 'report_to_kvittens → hub_supervisor']) {
    assert.ok((summary.escalationsPerStep[step] ?? 0) > 0, `no escalation ${step}: ${JSON.stringify(summary.escalationsPerStep)}`);
  }
  assert.ok(summary.engine.passes > 0 && summary.engine.latestMs < summary.engine.cycleMs);
  assert.equal(summary.openCasesWithoutClock, 0);
});

test('the same seed gives the same run', { timeout: 300_000 }, async () => {
  const night = { from: new Date('2027-03-28T00:00:00+01:00'), to: new Date('2027-03-28T06:00:00+02:00'), seed: 7 };
  const [a, b] = [await simulate(night), await simulate(night)];
  const strip = (s: typeof a) => ({ ...s, wallSeconds: 0, spentSeconds: null });
  assert.ok(a.cases > 0);
  assert.deepEqual(strip(a), strip(b));
});

test('the independent 2027 calendar the run is checked against', async () => {
  const { reachableOrgs } = await import('../../src/test/simulation/calendar-2027.ts');
  const { demoDirectory } = await import('../../src/domain/demo-directory.ts');
  const dir = demoDirectory();
  const nacka = (iso: string) => reachableOrgs(dir, '0182', new Date(iso)).orgIds;
  assert.deepEqual(nacka('2027-03-24T16:30:00+01:00'), ['intake-0182'], 'an ordinary Wednesday afternoon: the office');
  assert.deepEqual(nacka('2027-03-25T12:59:00+01:00'), ['intake-0182'], 'the day before Långfredagen, before 13:00');
  assert.deepEqual(nacka('2027-03-25T13:00:00+01:00'), ['jour-sydost'], 'the day before Långfredagen closes at 13:00');
  assert.deepEqual(nacka('2027-03-26T10:00:00+01:00'), ['jour-sydost'], 'Långfredagen');
  assert.deepEqual(nacka('2027-03-29T10:00:00+02:00'), ['jour-sydost'], 'Annandag påsk');
  assert.deepEqual(nacka('2027-03-30T07:59:00+02:00'), ['jour-sydost'], 'summer time: 05:59 UTC is 07:59 in Stockholm');
  assert.deepEqual(nacka('2027-03-30T06:00:00Z'), ['intake-0182'], 'and 06:00 UTC is 08:00');
  assert.deepEqual(nacka('2027-06-25T10:00:00+02:00'), ['jour-sydost'], 'midsommarafton');
  assert.deepEqual(nacka('2027-12-24T10:00:00+01:00'), ['jour-sydost'], 'julafton');
  assert.deepEqual(reachableOrgs(dir, '0180', new Date('2027-12-31T20:00:00+01:00')).orgIds, ['hub'], 'Stockholm on nyårsafton: the hub');
});
