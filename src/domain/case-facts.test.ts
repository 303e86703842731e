import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ageBandOf, clockTallies, computeCaseFacts, type FactCaseInput, type FactEvent } from './case-facts.ts';

const at = (iso: string) => new Date(iso);

function kase(o: Partial<FactCaseInput> = {}): FactCaseInput {
  return {
    status: 'received',
    receivedAt: at('2026-03-10T10:15:00+01:00'), // a Tuesday, office hours
    urgency: 'acute',
    foundMunicipalityCode: '0180',
    residenceCode: '0182',
    responsibleMunicipalityCode: null,
    identityKind: 'personnummer',
    ageAtReceipt: 15,
    basis: null,
    handling: null,
    duplicateFlag: false,
    report: { gangRisk: { types: ['threatened', 'recruited', 'threatened'], description: 'fritext som aldrig ska med' }, concern: 'x' },
    routing: { inTargetGroup: true, preliminary: true, contact: { kind: 'office' } },
    skyddsbedomning: null,
    forhandsbedomning: null,
    feedback: null,
    forwardedTo: null,
    ...o,
  };
}
const ev = (type: string, iso: string, toStatus: string | null = null): FactEvent => ({ type, at: at(iso), toStatus });

describe('case facts: when in the week', () => {
  const cases: [string, string, { office: boolean; hour: number; weekday: number; holiday?: boolean; eve?: boolean; before?: boolean }][] = [
    ['Tuesday 10:15', '2026-03-10T10:15:00+01:00', { office: true, hour: 10, weekday: 2 }],
    ['Tuesday 07:59', '2026-03-10T07:59:00+01:00', { office: false, hour: 7, weekday: 2 }],
    ['Tuesday 17:00 is closed', '2026-03-10T17:00:00+01:00', { office: false, hour: 17, weekday: 2 }],
    ['Saturday noon', '2026-03-14T12:00:00+01:00', { office: false, hour: 12, weekday: 6 }],
    ['midsommarafton 10:00', '2026-06-19T10:00:00+02:00', { office: false, hour: 10, weekday: 5, eve: true }],
    ['julafton', '2026-12-24T09:00:00+01:00', { office: false, hour: 9, weekday: 4, eve: true }],
    ['Långfredag', '2026-04-03T09:00:00+02:00', { office: false, hour: 9, weekday: 5, holiday: true }],
    ['Skärtorsdag 12:00 (day before holiday, open until 13)', '2026-04-02T12:00:00+02:00', { office: true, hour: 12, weekday: 4, before: true }],
    ['Skärtorsdag 14:00', '2026-04-02T14:00:00+02:00', { office: false, hour: 14, weekday: 4, before: true }],
    ['night the clocks go forward, 03:30 local', '2026-03-29T01:30:00Z', { office: false, hour: 3, weekday: 7 }],
    ['23:30 UTC is next day in Stockholm', '2026-03-10T23:30:00Z', { office: false, hour: 0, weekday: 3 }],
  ];
  for (const [name, iso, want] of cases) {
    test(name, () => {
      const f = computeCaseFacts(kase({ receivedAt: at(iso) }), [], []);
      assert.equal(f.officeHours, want.office);
      assert.equal(f.receivedHour, want.hour);
      assert.equal(f.receivedWeekday, want.weekday);
      assert.equal(f.publicHoliday, want.holiday ?? false);
      assert.equal(f.eve, want.eve ?? false);
      assert.equal(f.dayBeforeHoliday, want.before ?? false);
    });
  }
  test('the receipt date is the Stockholm date', () => {
    assert.equal(computeCaseFacts(kase({ receivedAt: at('2026-03-10T23:30:00Z') }), [], []).receivedDate, '2026-03-11');
  });
});

describe('case facts: who, de-identified', () => {
  test('age bands', () => {
    assert.deepEqual([null, -1, 0, 11, 12, 14, 15, 17, 18, 40].map(ageBandOf), ['unknown', 'unknown', '0-11', '0-11', '12-14', '12-14', '15-17', '15-17', '18+', '18+']);
  });
  test('gang-risk types sorted and unique; no free text anywhere', () => {
    const f = computeCaseFacts(kase(), [], []);
    assert.deepEqual(f.gangRiskTypes, ['recruited', 'threatened']);
    assert.ok(!JSON.stringify(f).includes('fritext'));
  });
  test('a purged report keeps the types stored before', () => {
    assert.deepEqual(computeCaseFacts(kase({ report: null }), [], [], { gangRiskTypes: ['exploited'] }).gangRiskTypes, ['exploited']);
    assert.deepEqual(computeCaseFacts(kase({ report: null }), [], []).gangRiskTypes, []);
  });
  test('an unknown identity is an estimated age', () => {
    assert.equal(computeCaseFacts(kase({ identityKind: 'unknown', ageAtReceipt: 13 }), [], []).ageEstimated, true);
    assert.equal(computeCaseFacts(kase(), [], []).ageEstimated, false);
  });
  test('the municipality counted is the responsible one once decided, else the residence', () => {
    assert.equal(computeCaseFacts(kase(), [], []).municipalityCode, '0182');
    assert.equal(computeCaseFacts(kase({ responsibleMunicipalityCode: '0180' }), [], []).municipalityCode, '0180');
    assert.equal(computeCaseFacts(kase({ residenceCode: null }), [], []).municipalityCode, null);
  });
  test('the contact kind counts only for a decided handover, never the preliminary routing', () => {
    assert.equal(computeCaseFacts(kase({ handling: 'handover' }), [], []).handoverContactKind, null);
    const decided = kase({ handling: 'handover', routing: { inTargetGroup: true, contact: { kind: 'jour' } } });
    assert.equal(computeCaseFacts(decided, [], []).handoverContactKind, 'jour');
    assert.equal(computeCaseFacts({ ...decided, handling: 'own' }, [], []).handoverContactKind, null);
  });
});

describe('case facts: milestones from the timeline', () => {
  const timeline = [
    ev('receive', '2026-03-10T10:15:00+01:00', 'received'),
    ev('claim', '2026-03-10T10:20:00+01:00', 'triage'),
    ev('release', '2026-03-10T10:21:00+01:00', 'received'),
    ev('claim', '2026-03-10T10:25:00+01:00', 'triage'),
    ev('decide', '2026-03-10T10:40:00+01:00', 'handover_pending'),
    ev('log_contact_attempt', '2026-03-10T10:42:00+01:00', 'handover_pending'),
    ev('log_contact_attempt', '2026-03-10T10:45:00+01:00', 'handover_pending'),
    ev('refuse', '2026-03-10T11:00:00+01:00', 'triage'),
    ev('decide', '2026-03-10T11:10:00+01:00', 'handover_pending'),
    ev('a_kind_added_later', '2026-03-10T11:12:00+01:00', 'handover_pending'),
    ev('acknowledge', '2026-03-10T11:30:00+01:00', 'accepted'),
    ev('message_question', '2026-03-10T11:31:00+01:00', 'accepted'),
    ev('record_skyddsbedomning', '2026-03-10T12:00:00+01:00', 'accepted'),
    ev('record_forhandsbedomning', '2026-03-17T12:00:00+01:00', 'accepted'),
    ev('send_feedback', '2026-03-18T12:00:00+01:00', 'accepted'),
    ev('close', '2026-03-19T12:00:00+01:00', 'closed'),
    ev('reopen', '2026-03-19T13:00:00+01:00', 'accepted'),
    ev('close', '2026-03-20T12:00:00+01:00', 'closed'),
  ];
  const done = kase({
    status: 'closed',
    basis: 'agreement',
    handling: 'handover',
    responsibleMunicipalityCode: '0182',
    skyddsbedomning: { outcome: 'no_immediate_protection_needed', measures: 'fritext' },
    forhandsbedomning: { decision: 'inleda_utredning', note: 'fritext' },
    feedback: { withheld: false, message: 'fritext' },
  });
  // Out of order on purpose: the facts order by time.
  const f = computeCaseFacts(done, [...timeline].reverse(), []);
  test('first claim, first decision, first handover, first call', () => {
    assert.equal(f.claimedAt?.toISOString(), '2026-03-10T09:20:00.000Z');
    assert.equal(f.decidedAt?.toISOString(), '2026-03-10T09:40:00.000Z');
    assert.equal(f.handedOverAt?.toISOString(), '2026-03-10T09:40:00.000Z');
    assert.equal(f.firstContactAttemptAt?.toISOString(), '2026-03-10T09:42:00.000Z');
  });
  test('kvittens, in the system', () => {
    assert.equal(f.acknowledgedAt?.toISOString(), '2026-03-10T10:30:00.000Z');
    assert.equal(f.acknowledgedVerbally, false);
  });
  test('assessments and feedback with their outcomes, no text', () => {
    assert.equal(f.skyddsbedomningAt?.toISOString(), '2026-03-10T11:00:00.000Z');
    assert.equal(f.skyddsbedomningOutcome, 'no_immediate_protection_needed');
    assert.equal(f.forhandsbedomningAt?.toISOString(), '2026-03-17T11:00:00.000Z');
    assert.equal(f.forhandsbedomningOutcome, 'inleda_utredning');
    assert.equal(f.feedbackAt?.toISOString(), '2026-03-18T11:00:00.000Z');
    assert.equal(f.feedbackWithheld, false);
    assert.ok(!JSON.stringify(f).includes('fritext'));
  });
  test('closed at the last close; counts of refusals, releases, reopenings, calls, questions', () => {
    assert.equal(f.closedAt?.toISOString(), '2026-03-20T11:00:00.000Z');
    assert.deepEqual([f.refusals, f.releases, f.reopenings, f.contactAttempts, f.questions], [1, 1, 1, 2, 1]);
  });
  test('a reopened case is not closed', () => {
    assert.equal(computeCaseFacts({ ...done, status: 'accepted' }, timeline.slice(0, -1), []).closedAt, null);
  });
  test('verbal kvittens', () => {
    const g = computeCaseFacts(done, [ev('decide', '2026-03-10T10:40:00+01:00', 'handover_pending'), ev('record_verbal_acknowledgement', '2026-03-10T10:50:00+01:00', 'accepted')], []);
    assert.equal(g.acknowledgedVerbally, true);
    assert.equal(g.acknowledgedAt?.toISOString(), '2026-03-10T09:50:00.000Z');
  });
  test('forward and return', () => {
    const fw = computeCaseFacts(kase({ status: 'forwarded', handling: 'forward', forwardedTo: { municipalityCode: '0380', address: 'x' } }), [ev('forward', '2026-03-10T11:00:00+01:00', 'forwarded')], []);
    assert.equal(fw.forwardedAt?.toISOString(), '2026-03-10T10:00:00.000Z');
    assert.equal(fw.forwardedToCode, '0380');
    const rt = computeCaseFacts(kase({ status: 'returned' }), [ev('return', '2026-03-10T11:00:00+01:00', 'returned')], []);
    assert.equal(rt.returnedAt?.toISOString(), '2026-03-10T10:00:00.000Z');
    assert.equal(rt.closedAt, null);
  });
  test('an empty timeline has no milestones', () => {
    const e = computeCaseFacts(kase(), [], []);
    assert.deepEqual(
      [e.claimedAt, e.decidedAt, e.handedOverAt, e.acknowledgedAt, e.acknowledgedVerbally, e.skyddsbedomningAt, e.forhandsbedomningAt, e.feedbackAt, e.forwardedAt, e.returnedAt, e.closedAt],
      Array(11).fill(null),
    );
  });
});

describe('case facts: clocks', () => {
  test('breaches and escalation steps per clock kind, over every run; unbreached clocks absent', () => {
    const b = at('2026-03-10T12:00:00Z');
    assert.deepEqual(
      clockTallies([
        { clock: 'claim', breachedAt: b, step: 2 },
        { clock: 'claim', breachedAt: null, step: 0 },
        { clock: 'claim', breachedAt: b, step: 1 },
        { clock: 'triage', breachedAt: null, step: 0 },
        { clock: 'a_clock_added_later', breachedAt: b, step: 0 },
      ]),
      { claim: { breaches: 2, escalations: 3 }, a_clock_added_later: { breaches: 1, escalations: 0 } },
    );
    assert.deepEqual(computeCaseFacts(kase(), [], [{ clock: 'acknowledge', breachedAt: b, step: 1 }]).clocks, { acknowledge: { breaches: 1, escalations: 1 } });
  });
});
