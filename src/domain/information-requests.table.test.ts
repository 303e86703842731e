// The rules of information requests written out as tables a handler could check by hand, and
// compared with src/domain/information-requests.ts for every state, step and party, and for every
// combination of asker, addressee and case stage.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  availableSteps,
  caseStage,
  checkAsk,
  checkRequestStep,
  leastIdentity,
  requestStates,
  requestSteps,
  sideOf,
  type AskFacts,
  type CaseStage,
  type RequestParty,
  type RequestState,
  type RequestStep,
  type Side,
} from './information-requests.ts';

const PARTIES: RequestParty[] = ['asker', 'addressee', 'responsible_municipality'];

/** Step: from which states, by whom, to which state. */
const STEPS: Record<RequestStep, { from: RequestState[]; by: RequestParty; to: RequestState }> = {
  acknowledge: { from: ['sent'], by: 'addressee', to: 'received' },
  answer: { from: ['received'], by: 'addressee', to: 'answered' },
  decline: { from: ['received'], by: 'addressee', to: 'declined' },
  withdraw: { from: ['sent', 'received'], by: 'asker', to: 'withdrawn' },
};

/** Every subset of the parties, the empty one included. */
const partySets: RequestParty[][] = [[], ...PARTIES.map((p) => [p]), ['asker', 'responsible_municipality'], ['addressee', 'responsible_municipality']];

describe('the life of a request', () => {
  test('the table names every step', () => assert.deepEqual(Object.keys(STEPS).sort(), [...requestSteps].sort()));

  for (const step of requestSteps) {
    const row = STEPS[step];
    test(`${step}: from ${row.from.join('/')}, by the ${row.by}, to ${row.to}`, () => {
      for (const state of requestStates) {
        for (const parties of partySets) {
          const got = checkRequestStep(step, state, parties);
          const what = `${step} in ${state} by [${parties.join(',')}]`;
          if (parties.length === 0) assert.deepEqual(got.ok ? null : got.code, 'NOT_FOUND', what);
          else if (!parties.includes(row.by)) assert.deepEqual(got.ok ? null : got.code, 'FORBIDDEN', what);
          else if (!row.from.includes(state)) assert.deepEqual(got.ok ? null : got.code, 'INVALID_STATE', what);
          else assert.deepEqual(got, { ok: true, to: row.to }, what);
          if (!got.ok) assert.ok(got.reason.length > 10, `${what}: a Swedish reason`);
        }
      }
    });
  }

  test('finished requests take no step at all', () => {
    for (const state of ['answered', 'declined', 'withdrawn'] as const) {
      for (const parties of partySets) assert.deepEqual(availableSteps(state, parties), [], state);
    }
  });

  test('the responsible municipality only reads', () => {
    for (const state of requestStates) assert.deepEqual(availableSteps(state, ['responsible_municipality']), []);
  });

  test('the steps shown are exactly the allowed ones', () => {
    assert.deepEqual(availableSteps('sent', ['addressee']), ['acknowledge']);
    assert.deepEqual(availableSteps('received', ['addressee']), ['answer', 'decline']);
    assert.deepEqual(availableSteps('sent', ['asker']), ['withdraw']);
    assert.deepEqual(availableSteps('received', ['asker', 'responsible_municipality']), ['withdraw']);
  });
});

// ───────────────────────── Who may ask whom ─────────────────────────

const SIDES: Side[] = ['police', 'hub', 'municipality', 'authority'];
const STAGES: CaseStage[] = ['clarifying', 'own', 'handed_over', 'finished'];

/**
 * The directions allowed, as (asker side, addressee side) with what must hold. Everything not
 * listed is FORBIDDEN; a finished case is INVALID_STATE whoever asks.
 */
const ALLOWED: { asker: Side; addressee: Side; askerMust: ('handles' | 'reported' | 'party')[]; addresseeMust: ('handles' | 'party')[] }[] = [
  { asker: 'police', addressee: 'hub', askerMust: ['reported'], addresseeMust: ['handles'] },
  { asker: 'police', addressee: 'municipality', askerMust: ['reported'], addresseeMust: ['handles'] },
  { asker: 'hub', addressee: 'police', askerMust: ['handles'], addresseeMust: [] },
  { asker: 'municipality', addressee: 'police', askerMust: ['handles'], addresseeMust: [] },
  { asker: 'hub', addressee: 'authority', askerMust: ['handles'], addresseeMust: ['party'] },
  { asker: 'municipality', addressee: 'authority', askerMust: ['handles'], addresseeMust: ['party'] },
  { asker: 'authority', addressee: 'hub', askerMust: ['party'], addresseeMust: ['handles'] },
  { asker: 'authority', addressee: 'municipality', askerMust: ['party'], addresseeMust: ['handles'] },
];

const bools = [false, true];

function* everyAsk(): Generator<AskFacts> {
  for (const stage of STAGES)
    for (const askerSide of SIDES)
      for (const addresseeSide of SIDES)
        for (const handles of bools)
          for (const reported of bools)
            for (const party of bools)
              for (const aHandles of bools)
                for (const aParty of bools)
                  for (const self of bools)
                    yield {
                      stage,
                      asker: { side: askerSide, handles, reported, party },
                      addressee: { side: addresseeSide, handles: aHandles, party: aParty, self },
                    };
}

describe('who may ask whom', () => {
  test('every combination of asker, addressee and stage against the table', () => {
    let allowed = 0;
    let n = 0;
    for (const f of everyAsk()) {
      n++;
      const got = checkAsk(f);
      const what = JSON.stringify(f);
      if (f.stage === 'finished') {
        assert.equal(got.ok ? 'ok' : got.code, 'INVALID_STATE', what);
        continue;
      }
      const rule = ALLOWED.find((r) => r.asker === f.asker.side && r.addressee === f.addressee.side);
      const expected =
        !f.addressee.self &&
        rule !== undefined &&
        rule.askerMust.every((m) => f.asker[m]) &&
        rule.addresseeMust.every((m) => f.addressee[m]);
      assert.equal(got.ok, expected, what);
      if (!got.ok) {
        assert.equal(got.code, 'FORBIDDEN', what);
        assert.ok(got.reason.length > 10);
      } else allowed++;
    }
    assert.equal(n, 4 * 4 * 4 * 2 ** 6);
    assert.ok(allowed > 0);
  });

  test('nobody asks their own organisation, and the police never ask another authority', () => {
    const base: AskFacts = { stage: 'handed_over', asker: { side: 'police', handles: false, reported: true, party: false }, addressee: { side: 'authority', handles: true, party: true, self: false } };
    assert.equal(checkAsk(base).ok, false);
    assert.equal(checkAsk({ ...base, addressee: { side: 'municipality', handles: true, party: false, self: false } }).ok, true);
    assert.equal(checkAsk({ ...base, addressee: { side: 'municipality', handles: true, party: false, self: true } }).ok, false);
  });
});

describe('the facts', () => {
  test('case stage', () => {
    const cases: [string, string | null, Date | null, CaseStage][] = [
      ['received', null, null, 'clarifying'],
      ['triage', null, null, 'clarifying'],
      ['triage', 'handover', null, 'clarifying'],
      ['handover_pending', 'handover', new Date(0), 'handed_over'],
      ['accepted', 'handover', new Date(0), 'handed_over'],
      ['own', 'own', null, 'own'],
      ['triage', 'own', null, 'own'],
      ['forwarded', 'forward', null, 'finished'],
      ['returned', 'return', null, 'finished'],
      ['closed', 'handover', new Date(0), 'finished'],
    ];
    for (const [status, handling, handover, stage] of cases) assert.equal(caseStage(status, handling, handover), stage, `${status}/${handling}`);
  });

  test('sides of the organisation kinds', () => {
    assert.deepEqual(
      ['police', 'hub', 'municipality', 'intake_unit', 'jour_group', 'authority', 'other'].map(sideOf),
      ['police', 'hub', 'municipality', 'municipality', 'municipality', 'authority', null],
    );
  });

  test('the least identity: initials and birth year, nothing for a protected identity', () => {
    assert.deepEqual(leastIdentity('Testbarn Fiktivsson', '2010-01-01', false), { initials: 'TF', birthYear: 2010 });
    assert.deepEqual(leastIdentity('anna-karin ek', '2011-05-01', false), { initials: 'AKE', birthYear: 2011 });
    assert.deepEqual(leastIdentity('Testbarn Fiktivsson', '2010-01-01', true), { initials: null, birthYear: null });
    assert.deepEqual(leastIdentity(null, null, false), { initials: null, birthYear: null });
  });
});
