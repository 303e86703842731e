// Deadline arithmetic, exhaustively around the days that break naive code: DST changes (23- and
// 25-hour days), late-in-day receipt, midnight, and 14-day spans across a DST change.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clockKinds as schemaClockKinds } from '../db/schema.ts';
import {
  clockKinds,
  computeDueAt,
  DeadlineSettings,
  escalationTargets,
  stockholmClockTime,
  deadlineSettingsFor,
  defaultDeadlines,
  endOfStockholmDay,
  EscalationSteps,
  fireTime,
  planFires,
  stepForFire,
  type EscalationStep,
} from './deadlines.ts';
import { addDays, localToInstant, stockholmDate, toStockholm } from './stockholm-time.ts';

const at = (iso: string) => new Date(iso);
const local = (date: string, time: string) => localToInstant(date, time);

describe('computeDueAt: minutes', () => {
  test('defaults: claim 10, acknowledge 30, clarification 60 minutes of real time', () => {
    const start = at('2026-05-04T08:00:00Z');
    assert.equal(computeDueAt(start, defaultDeadlines.claim).toISOString(), '2026-05-04T08:10:00.000Z');
    assert.equal(computeDueAt(start, defaultDeadlines.acknowledge).toISOString(), '2026-05-04T08:30:00.000Z');
    assert.equal(computeDueAt(start, defaultDeadlines.clarification).toISOString(), '2026-05-04T09:00:00.000Z');
  });
  test('across the spring-forward gap: 30 minutes stay 30 minutes (01:45 CET → 03:15 CEST)', () => {
    const start = local('2026-03-29', '01:45');
    const due = computeDueAt(start, { minutes: 30 });
    assert.equal(due.getTime() - start.getTime(), 30 * 60_000);
    assert.equal(toStockholm(due).time, '03:15');
  });
  test('across the autumn overlap: 30 minutes from the first 02:45 is the second 02:15', () => {
    const start = at('2026-10-25T00:45:00Z'); // 02:45 CEST
    const due = computeDueAt(start, { minutes: 30 });
    assert.equal(due.toISOString(), '2026-10-25T01:15:00.000Z');
    assert.equal(toStockholm(due).time, '02:15');
  });
});

describe('computeDueAt: skyddsbedömning "genast"', () => {
  const genast = defaultDeadlines.skyddsbedomning;
  test('before 15:00: end of the same Stockholm day', () => {
    assert.equal(computeDueAt(local('2026-05-04', '14:59'), genast).toISOString(), '2026-05-04T21:59:59.999Z');
  });
  test('at 15:00 exactly and after: end of the next day', () => {
    assert.equal(computeDueAt(local('2026-05-04', '15:00'), genast).toISOString(), '2026-05-05T21:59:59.999Z');
    assert.equal(computeDueAt(local('2026-05-04', '23:59'), genast).toISOString(), '2026-05-05T21:59:59.999Z');
  });
  test('just after local midnight (still the previous UTC day) counts as the new local day', () => {
    const start = at('2026-01-09T23:30:00Z'); // 00:30 on 2026-01-10 in Stockholm
    assert.equal(computeDueAt(start, genast).toISOString(), '2026-01-10T22:59:59.999Z');
  });
  test('on the 23-hour spring day and the 25-hour autumn day', () => {
    assert.equal(computeDueAt(local('2026-03-29', '10:00'), genast).toISOString(), '2026-03-29T21:59:59.999Z');
    assert.equal(computeDueAt(local('2026-10-25', '10:00'), genast).toISOString(), '2026-10-25T22:59:59.999Z');
    // Late on the Saturday before the spring change: due at the end of the short Sunday.
    assert.equal(computeDueAt(local('2026-03-28', '16:00'), genast).toISOString(), '2026-03-29T21:59:59.999Z');
    // Late on the Saturday before the autumn change: due at the end of the long Sunday.
    assert.equal(computeDueAt(local('2026-10-24', '16:00'), genast).toISOString(), '2026-10-25T22:59:59.999Z');
  });
  test('configurable cut-off, and the sameDayUntil alias', () => {
    assert.equal(computeDueAt(local('2026-05-04', '12:30'), { lateAfter: '12:00' }).toISOString(), '2026-05-05T21:59:59.999Z');
    assert.equal(computeDueAt(local('2026-05-04', '12:30'), { sameDayUntil: '13:00' }).toISOString(), '2026-05-04T21:59:59.999Z');
  });
  test('every quarter hour of two years: due is 23:59:59.999 local of the same or next day, decided by 15:00', () => {
    const cut = 15 * 60;
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 15 * 60_000) {
      const start = new Date(ms);
      const due = computeDueAt(start, genast);
      const s = toStockholm(start);
      const expectedDate = s.minutes >= cut ? addDays(s.date, 1) : s.date;
      assert.equal(stockholmDate(due), expectedDate, start.toISOString());
      const next = toStockholm(new Date(due.getTime() + 1));
      assert.equal(next.time, '00:00', start.toISOString());
      assert.equal(next.date, addDays(expectedDate, 1));
    }
  });
});

describe('computeDueAt: days (förhandsbedömning, feedback)', () => {
  test('14 days: end of the Stockholm day 14 days after the receipt date', () => {
    assert.equal(computeDueAt(local('2026-05-04', '10:00'), defaultDeadlines.forhandsbedomning).toISOString(), '2026-05-18T21:59:59.999Z');
  });
  test('14 days across the spring change (CET receipt, CEST deadline)', () => {
    assert.equal(computeDueAt(local('2026-03-20', '10:00'), { days: 14 }).toISOString(), '2026-04-03T21:59:59.999Z');
  });
  test('14 days across the autumn change (CEST receipt, CET deadline)', () => {
    assert.equal(computeDueAt(local('2026-10-20', '23:59'), { days: 14 }).toISOString(), '2026-11-03T22:59:59.999Z');
  });
  test('the receipt date is the Stockholm date, not the UTC date', () => {
    assert.equal(computeDueAt(at('2026-03-20T23:30:00Z'), { days: 14 }).toISOString(), '2026-04-04T21:59:59.999Z');
  });
  test('0 days: end of the start day; feedback defaults to 14 days', () => {
    assert.equal(computeDueAt(local('2026-05-04', '08:00'), { days: 0 }).toISOString(), '2026-05-04T21:59:59.999Z');
    assert.deepEqual(defaultDeadlines.feedback, { days: 14 });
  });
  test('every day of two years: due is the last millisecond of the local date + 14', () => {
    for (let d = '2025-01-01'; d < '2027-01-01'; d = addDays(d, 1)) {
      const due = computeDueAt(local(d, '12:00'), { days: 14 });
      assert.equal(stockholmDate(due), addDays(d, 14));
      assert.equal(stockholmDate(new Date(due.getTime() + 1)), addDays(d, 15));
    }
  });
});

describe('settings', () => {
  test('endOfStockholmDay on 23-, 24- and 25-hour days', () => {
    assert.equal(endOfStockholmDay('2026-03-29').toISOString(), '2026-03-29T21:59:59.999Z');
    assert.equal(endOfStockholmDay('2026-01-15').toISOString(), '2026-01-15T22:59:59.999Z');
    assert.equal(endOfStockholmDay('2026-10-25').toISOString(), '2026-10-25T22:59:59.999Z');
  });
  test('stored settings that do not parse fall back to the clock default', () => {
    assert.deepEqual(deadlineSettingsFor('claim', { minutes: 'ten' }), { minutes: 10 });
    assert.deepEqual(deadlineSettingsFor('acknowledge', { minutes: 5 }), { minutes: 5 });
    assert.deepEqual(deadlineSettingsFor('skyddsbedomning', { lateAfter: '25:00' }), { lateAfter: '15:00' });
  });
  test('every clock kind has a default, and the list matches the database enum', () => {
    assert.deepEqual([...clockKinds], [...schemaClockKinds]);
    for (const k of clockKinds) assert.ok(defaultDeadlines[k]);
  });
  test('steps must be in time order and only the last may repeat', () => {
    assert.equal(EscalationSteps.safeParse([{ afterMinutes: 10, target: 'assignee' }, { afterMinutes: 5, target: 'hub_supervisor' }]).success, false);
    assert.equal(EscalationSteps.safeParse([{ afterMinutes: 0, target: 'assignee', repeatEveryMinutes: 5 }, { afterMinutes: 5, target: 'hub_supervisor' }]).success, false);
    assert.equal(EscalationSteps.safeParse([]).success, false);
    assert.equal(EscalationSteps.safeParse([{ afterMinutes: 0, target: 'nobody' }]).success, false);
  });
});

describe('escalation schedule', () => {
  const due = at('2026-05-04T08:30:00Z');
  const acknowledge: EscalationStep[] = [
    { afterMinutes: 0, target: 'next_contact' },
    { afterMinutes: 10, target: 'hub_supervisor' },
    { afterMinutes: 20, target: 'municipality_manager', repeatEveryMinutes: 10 },
  ];
  const plus = (m: number) => new Date(due.getTime() + m * 60_000).toISOString();

  test('fire times: each step from the due time, then repeats of the last', () => {
    assert.deepEqual([0, 1, 2, 3, 4].map((n) => fireTime(acknowledge, due, n)?.toISOString()), [plus(0), plus(10), plus(20), plus(30), plus(40)]);
    assert.equal(stepForFire(acknowledge, 7)?.target, 'municipality_manager');
  });
  test('without a repeat the climb ends after the last step', () => {
    const once: EscalationStep[] = [{ afterMinutes: 0, target: 'municipality_manager' }];
    assert.equal(fireTime(once, due, 1), null);
    assert.deepEqual(planFires(once, due, 1, at('2027-01-01T00:00:00Z')), { fires: [], fired: 1, nextFireAt: null });
  });
  test('nothing is due before the due time', () => {
    assert.deepEqual(planFires(acknowledge, due, 0, new Date(due.getTime() - 1)), { fires: [], fired: 0, nextFireAt: due });
  });
  test('on time: one step, next fire at the next step', () => {
    assert.deepEqual(planFires(acknowledge, due, 0, due), { fires: [0], fired: 1, nextFireAt: at(plus(10)) });
    assert.deepEqual(planFires(acknowledge, due, 1, at(plus(10))), { fires: [1], fired: 2, nextFireAt: at(plus(20)) });
  });
  test('a late engine fires every missed distinct step, in order', () => {
    assert.deepEqual(planFires(acknowledge, due, 0, at(plus(25))), { fires: [0, 1, 2], fired: 3, nextFireAt: at(plus(30)) });
  });
  test('missed repeats collapse into one and the schedule does not drift', () => {
    assert.deepEqual(planFires(acknowledge, due, 3, at(plus(75))), { fires: [3], fired: 8, nextFireAt: at(plus(80)) });
    assert.deepEqual(planFires(acknowledge, due, 0, at(plus(55))), { fires: [0, 1, 2, 3], fired: 6, nextFireAt: at(plus(60)) });
  });
  test('the claim default: hub supervisor at the due time, then every 5 minutes', () => {
    const claim: EscalationStep[] = [{ afterMinutes: 0, target: 'hub_supervisor', repeatEveryMinutes: 5 }];
    assert.deepEqual(planFires(claim, due, 0, due), { fires: [0], fired: 1, nextFireAt: at(plus(5)) });
    assert.deepEqual(planFires(claim, due, 1, at(plus(5))), { fires: [1], fired: 2, nextFireAt: at(plus(10)) });
  });
});

describe('the settings a policy may store (what an administrator can and cannot configure)', () => {
  const ok = (s: unknown) => DeadlineSettings.safeParse(s).success;
  test('minutes: a whole number from 1 minute to one year', () => {
    assert.equal(ok({ minutes: 1 }), true);
    assert.equal(ok({ minutes: 60 * 24 * 365 }), true);
    assert.equal(ok({ minutes: 0 }), false);
    assert.equal(ok({ minutes: 60 * 24 * 365 + 1 }), false);
    assert.equal(ok({ minutes: 1.5 }), false);
  });
  test('days: a whole number from 0 to 365', () => {
    assert.equal(ok({ days: 0 }), true);
    assert.equal(ok({ days: 365 }), true);
    assert.equal(ok({ days: -1 }), false);
    assert.equal(ok({ days: 366 }), false);
    assert.equal(ok({ days: 0.5 }), false);
  });
  test('a cut-off is a wall-clock time HH:MM from 00:00 to 23:59, with a Swedish message otherwise', () => {
    for (const t of ['00:00', '09:30', '15:00', '19:59', '23:59']) {
      assert.equal(ok({ lateAfter: t }), true, t);
      assert.equal(ok({ sameDayUntil: t }), true, t);
    }
    for (const t of ['24:00', '15:60', '9:30', '15:00:00', 'x15:00', '15:00x', '30:00']) assert.equal(ok({ lateAfter: t }), false, t);
    const r = DeadlineSettings.safeParse({ lateAfter: '25:00' });
    assert.equal(r.success ? null : r.error.issues[0]?.message, 'Ange tid som HH:MM');
  });
  test('exactly one rule: extra or mixed keys are refused', () => {
    assert.equal(ok({ minutes: 10, days: 1 }), false);
    assert.equal(ok({ days: 1, extra: true }), false);
    assert.equal(ok({ lateAfter: '15:00', sameDayUntil: '15:00' }), false);
    assert.equal(ok({}), false);
  });
  test('a stored row is used when it parses, whichever rule it is', () => {
    assert.deepEqual(deadlineSettingsFor('forhandsbedomning', { days: 10 }), { days: 10 });
    assert.deepEqual(deadlineSettingsFor('skyddsbedomning', { sameDayUntil: '12:00' }), { sameDayUntil: '12:00' });
    assert.deepEqual(deadlineSettingsFor('information_request', null), { minutes: 60 * 24 * 3 });
  });
});

describe('the defaults (DESIGN.md rule 5 and the agreement)', () => {
  test('claim 10 min, triage 20 min, kvittens 30 min ("omedelbart"), the office’s kvittens from the jour 1 h from opening, report to kvittens 1 h, skyddsbedömning "genast" with a 15:00 cut-off, förhandsbedömning and feedback 14 days, closure 7 days, clarification 1 h, information request 3 days', () => {
    assert.deepEqual(defaultDeadlines, {
      claim: { minutes: 10 },
      triage: { minutes: 20 },
      acknowledge: { minutes: 30 },
      office_acknowledge: { minutes: 60 },
      report_to_kvittens: { minutes: 60 },
      skyddsbedomning: { lateAfter: '15:00' },
      forhandsbedomning: { days: 14 },
      feedback: { days: 14 },
      closure: { days: 7 },
      clarification: { minutes: 60 },
      information_request: { minutes: 4320 },
    });
    for (const [k, v] of Object.entries(defaultDeadlines)) assert.equal(DeadlineSettings.safeParse(v).success, true, k);
  });
  test('the escalation targets: assignee, next contact, hub supervisor, municipality manager, a request\'s addressee', () => {
    assert.deepEqual([...escalationTargets], ['assignee', 'next_contact', 'hub_supervisor', 'municipality_manager', 'request_addressee']);
  });
});

describe('escalation steps a policy may store', () => {
  const parse = (steps: unknown) => EscalationSteps.safeParse(steps);
  const message = (steps: unknown) => {
    const r = parse(steps);
    return r.success ? null : r.error.issues.map((i) => i.message);
  };
  test('one to twenty steps; at least one, with a Swedish message', () => {
    const step = { afterMinutes: 0, target: 'assignee' };
    assert.equal(parse([step]).success, true);
    assert.equal(parse(Array.from({ length: 20 }, () => step)).success, true);
    assert.equal(parse(Array.from({ length: 21 }, () => step)).success, false);
    assert.deepEqual(message([]), ['Minst ett steg behövs']);
  });
  test('steps in time order (equal times allowed), with a Swedish message', () => {
    assert.equal(parse([{ afterMinutes: 5, target: 'assignee' }, { afterMinutes: 5, target: 'hub_supervisor' }]).success, true);
    assert.deepEqual(message([{ afterMinutes: 10, target: 'assignee' }, { afterMinutes: 5, target: 'hub_supervisor' }]), ['Stegen måste komma i tidsordning']);
    assert.deepEqual(
      message([{ afterMinutes: 0, target: 'assignee' }, { afterMinutes: 10, target: 'next_contact' }, { afterMinutes: 5, target: 'hub_supervisor' }]),
      ['Stegen måste komma i tidsordning'],
    );
  });
  test('only the last step repeats, with a Swedish message', () => {
    assert.equal(parse([{ afterMinutes: 0, target: 'assignee' }, { afterMinutes: 5, target: 'hub_supervisor', repeatEveryMinutes: 5 }]).success, true);
    assert.deepEqual(message([{ afterMinutes: 0, target: 'assignee', repeatEveryMinutes: 5 }, { afterMinutes: 5, target: 'hub_supervisor' }]), ['Bara sista steget kan upprepas']);
  });
  test('a step fires 0 minutes to 30 days after the due time and repeats every 1 minute to 1 day', () => {
    const one = (s: object) => parse([{ target: 'assignee', ...s }]).success;
    assert.equal(one({ afterMinutes: 0 }), true);
    assert.equal(one({ afterMinutes: 60 * 24 * 30 }), true);
    assert.equal(one({ afterMinutes: 60 * 24 * 30 + 1 }), false);
    assert.equal(one({ afterMinutes: -1 }), false);
    assert.equal(one({ afterMinutes: 1.5 }), false);
    assert.equal(one({ afterMinutes: 0, repeatEveryMinutes: 1 }), true);
    assert.equal(one({ afterMinutes: 0, repeatEveryMinutes: 60 * 24 }), true);
    assert.equal(one({ afterMinutes: 0, repeatEveryMinutes: 0 }), false);
    assert.equal(one({ afterMinutes: 0, repeatEveryMinutes: 60 * 24 + 1 }), false);
    assert.equal(one({ afterMinutes: 0, repeatEveryMinutes: 2.5 }), false);
    assert.equal(one({ afterMinutes: 0, extra: 1 }), false);
  });
});

describe('escalation: which step and when', () => {
  const due = at('2026-05-04T08:30:00Z');
  const plus = (m: number) => new Date(due.getTime() + m * 60_000);
  const steps: EscalationStep[] = [
    { afterMinutes: 5, target: 'next_contact' },
    { afterMinutes: 15, target: 'hub_supervisor', repeatEveryMinutes: 30 },
  ];
  test('fire n is step n; after the steps, repeats of the last step at its interval', () => {
    assert.deepEqual([0, 1, 2, 3].map((n) => fireTime(steps, due, n)), [plus(5), plus(15), plus(45), plus(75)]);
    assert.deepEqual([0, 1, 2, 9].map((n) => stepForFire(steps, n)?.target), ['next_contact', 'hub_supervisor', 'hub_supervisor', 'hub_supervisor']);
  });
  test('no steps: nothing fires, ever', () => {
    assert.equal(fireTime([], due, 0), null);
    assert.equal(stepForFire([], 0), null);
    assert.deepEqual(planFires([], due, 0, plus(1000)), { fires: [], fired: 0, nextFireAt: null });
  });
  test('a step is due at its time exactly, not a millisecond before', () => {
    assert.deepEqual(planFires(steps, due, 0, new Date(plus(5).getTime() - 1)), { fires: [], fired: 0, nextFireAt: plus(5) });
    assert.deepEqual(planFires(steps, due, 0, plus(5)), { fires: [0], fired: 1, nextFireAt: plus(15) });
  });
  test('a restart long after: every distinct step, then one of the missed repeats, and the count covers all of them', () => {
    assert.deepEqual(planFires(steps, due, 0, plus(80)), { fires: [0, 1, 2], fired: 4, nextFireAt: plus(105) });
    assert.deepEqual(planFires(steps, due, 2, plus(200)), { fires: [2], fired: 8, nextFireAt: plus(225) });
  });
  test('the notification text shows Stockholm wall time', () => {
    assert.equal(stockholmClockTime(at('2026-05-04T12:05:00Z')), '14:05');
    assert.equal(stockholmClockTime(at('2026-01-04T12:05:59Z')), '13:05');
  });
});
