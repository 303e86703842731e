// The life of a case (DESIGN.md section 2) written out as a table a handler could check by hand:
// for each named transition, the states it starts from, who may take it and where it leads.
// The table is compared with the machine for every state and every relation, one at a time.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allowedTransitions, caseStatuses, checkTransition, statusLabel, transitions, type CaseFacts, type CaseRelation, type CaseStatus, type TransitionName } from './case-machine.ts';

const ALL_RELATIONS: CaseRelation[] = ['hub', 'hub_assignee', 'hub_supervisor', 'reporter', 'receiver', 'office', 'jour_earlier'];
const OPEN: CaseStatus[] = ['received', 'triage', 'handover_pending', 'accepted', 'own'];

/** from, who, and the state it leads to (null: the state stays). */
const TABLE: Record<TransitionName, { from: CaseStatus[]; who: CaseRelation[]; to: CaseStatus | null }> = {
  claim: { from: ['received'], who: ['hub', 'hub_supervisor'], to: 'triage' },
  reassign: { from: ['triage', 'handover_pending'], who: ['hub_supervisor'], to: null },
  release: { from: ['triage'], who: ['hub_assignee', 'hub_supervisor'], to: 'received' },
  decide: { from: ['triage'], who: ['hub_assignee', 'hub_supervisor'], to: 'handover_pending' /* with handling 'handover' */ },
  log_contact_attempt: { from: ['handover_pending'], who: ['hub_assignee', 'hub_supervisor'], to: null },
  record_verbal_acknowledgement: { from: ['handover_pending'], who: ['hub_assignee', 'hub_supervisor'], to: 'accepted' },
  acknowledge: { from: ['handover_pending'], who: ['receiver'], to: 'accepted' },
  refuse: { from: ['handover_pending'], who: ['receiver'], to: 'triage' },
  // Jour → office: only the office intake, only once the jour's case has passed to it. The jour
  // after the office's kvittens ('jour_earlier') takes no transition at all: it only reads.
  acknowledge_from_jour: { from: ['accepted'], who: ['office'], to: null },
  forward: { from: ['triage'], who: ['hub_assignee', 'hub_supervisor'], to: 'forwarded' },
  return: { from: ['received', 'triage'], who: ['hub_assignee', 'hub_supervisor'], to: 'returned' },
  record_skyddsbedomning: { from: ['accepted', 'own'], who: ['receiver', 'hub_assignee', 'hub_supervisor'], to: null },
  record_forhandsbedomning: { from: ['accepted', 'own'], who: ['receiver', 'hub_assignee', 'hub_supervisor'], to: null },
  send_feedback: { from: ['accepted', 'own'], who: ['receiver', 'hub_assignee', 'hub_supervisor'], to: null },
  close: { from: ['accepted', 'own', 'forwarded', 'returned'], who: ['receiver', 'hub_assignee', 'hub_supervisor'], to: 'closed' },
  reopen: { from: ['closed'], who: ['receiver', 'hub_supervisor'], to: null },
  ask_question: { from: OPEN, who: ['hub', 'reporter', 'receiver'], to: null },
  answer_question: { from: [...OPEN, 'forwarded', 'returned'], who: ['hub', 'reporter', 'receiver'], to: null },
};

/** Facts under which every guard is satisfied for the transition (Stockholm's own case, so rule 4 does not apply). */
function readyFacts(name: TransitionName, status: CaseStatus): CaseFacts {
  return {
    status,
    handling: name === 'forward' ? 'forward' : 'handover',
    hasSkyddsbedomning: name !== 'record_skyddsbedomning',
    hasForhandsbedomning: name === 'send_feedback' || name === 'close',
    hasFeedback: name === 'close',
    isOwn: true,
    officePending: name === 'acknowledge_from_jour',
  };
}

const FORBIDDEN_REASON = 'Du har inte behörighet till den här åtgärden i ärendet.';
const RULE_4_REASON = 'Socialjouren klargör men gör inte skydds- eller förhandsbedömning i en annan kommuns ärende; det gör mottagande kommun.';

describe('the transition table', () => {
  test('names exactly the transitions of the machine', () => {
    assert.deepEqual(Object.keys(transitions).sort(), Object.keys(TABLE).sort());
  });

  for (const name of Object.keys(TABLE) as TransitionName[]) {
    const row = TABLE[name];
    test(`${name}: from ${row.from.join('/')}, by ${row.who.join('/')}${row.to ? `, to ${row.to}` : ''}`, () => {
      for (const status of caseStatuses) {
        for (const rel of ALL_RELATIONS) {
          const r = checkTransition(name, readyFacts(name, status), [rel]);
          const where = `${name} ${status} ${rel}`;
          if (!row.who.includes(rel)) {
            // Who comes before where: a party without the right is told so in any state.
            assert.deepEqual(r, { ok: false, code: 'FORBIDDEN', reason: FORBIDDEN_REASON }, where);
          } else if (!row.from.includes(status)) {
            assert.deepEqual(r, { ok: false, code: 'INVALID_STATE', reason: `Åtgärden går inte att göra när ärendet är i läget "${statusLabel(status)}".` }, where);
          } else {
            assert.deepEqual(r, { ok: true, to: row.to ?? status }, where);
          }
        }
      }
    });
  }
});

test('each state has a Swedish label', () => {
  assert.deepEqual(
    caseStatuses.map((s) => statusLabel(s)),
    [
      'Inkommen',
      'Under bedömning hos socialjouren',
      'Väntar på överlämning',
      'Kvitterad av mottagande kommun',
      'Handläggs av Stockholms stad',
      'Vidarebefordrad',
      'Återsänd till polisen',
      'Avslutad',
    ],
  );
});

test('one qualifying relation among several is enough', () => {
  assert.deepEqual(checkTransition('claim', readyFacts('claim', 'received'), ['reporter', 'hub']), { ok: true, to: 'triage' });
  assert.deepEqual(checkTransition('claim', readyFacts('claim', 'received'), []), { ok: false, code: 'FORBIDDEN', reason: FORBIDDEN_REASON });
});

describe('decide leads where the handling says', () => {
  const decide = (handling: CaseFacts['handling']) => checkTransition('decide', { ...readyFacts('decide', 'triage'), handling }, ['hub_assignee']);
  test('own → own, handover → handover_pending, forward/return/undecided stay in triage for their own step', () => {
    assert.deepEqual(decide('own'), { ok: true, to: 'own' });
    assert.deepEqual(decide('handover'), { ok: true, to: 'handover_pending' });
    assert.deepEqual(decide('forward'), { ok: true, to: 'triage' });
    assert.deepEqual(decide('return'), { ok: true, to: 'triage' });
    assert.deepEqual(decide(null), { ok: true, to: 'triage' });
  });
});

describe('guards, with the reason the user sees', () => {
  const blocked = (reason: string) => ({ ok: false, code: 'INVALID_STATE', reason });
  const own = (over: Partial<CaseFacts>): CaseFacts => ({ status: 'own', handling: 'own', hasSkyddsbedomning: false, hasForhandsbedomning: false, hasFeedback: false, isOwn: true, officePending: false, ...over });

  test('the office kvitterar from the jour only a case passed to it and not yet kvitterat', () => {
    const accepted = own({ status: 'accepted', isOwn: false, handling: 'handover' });
    assert.deepEqual(checkTransition('acknowledge_from_jour', accepted, ['receiver', 'office']), blocked('Ärendet väntar inte på mottagningens kvittens från jouren.'));
    assert.deepEqual(checkTransition('acknowledge_from_jour', { ...accepted, officePending: true }, ['receiver', 'office']), { ok: true, to: 'accepted' });
    assert.equal(checkTransition('acknowledge_from_jour', { ...accepted, officePending: true }, ['receiver']).ok, false, 'the jour itself cannot');
  });

  test('a case is forwarded only when the decision is to forward it', () => {
    for (const handling of ['own', 'handover', 'return', null] as const) {
      assert.deepEqual(
        checkTransition('forward', { ...readyFacts('forward', 'triage'), handling }, ['hub_assignee']),
        blocked('Ärendet kan bara vidarebefordras när beslutet är att det ska vidarebefordras.'),
        String(handling),
      );
    }
  });

  test('skyddsbedömning once', () => {
    assert.deepEqual(checkTransition('record_skyddsbedomning', own({}), ['hub_assignee']), { ok: true, to: 'own' });
    assert.deepEqual(checkTransition('record_skyddsbedomning', own({ hasSkyddsbedomning: true }), ['hub_assignee']), blocked('Skyddsbedömningen är redan registrerad.'));
  });

  test('förhandsbedömning after skyddsbedömning, once', () => {
    assert.deepEqual(checkTransition('record_forhandsbedomning', own({}), ['receiver']), blocked('Skyddsbedömningen måste registreras före förhandsbedömningen.'));
    assert.deepEqual(checkTransition('record_forhandsbedomning', own({ hasSkyddsbedomning: true }), ['receiver']), { ok: true, to: 'own' });
    assert.deepEqual(
      checkTransition('record_forhandsbedomning', own({ hasSkyddsbedomning: true, hasForhandsbedomning: true }), ['receiver']),
      blocked('Förhandsbedömningen är redan registrerad.'),
    );
  });

  test('feedback to the police after förhandsbedömning, once', () => {
    assert.deepEqual(checkTransition('send_feedback', own({ hasSkyddsbedomning: true }), ['receiver']), blocked('Återkoppling lämnas när förhandsbedömningen är gjord.'));
    assert.deepEqual(checkTransition('send_feedback', own({ hasSkyddsbedomning: true, hasForhandsbedomning: true }), ['receiver']), { ok: true, to: 'own' });
    assert.deepEqual(
      checkTransition('send_feedback', own({ hasSkyddsbedomning: true, hasForhandsbedomning: true, hasFeedback: true }), ['receiver']),
      blocked('Återkoppling är redan lämnad.'),
    );
  });

  test('an accepted or own case closes only after feedback; a forwarded or returned one closes at once', () => {
    const noFeedback = blocked('Ärendet kan avslutas först när återkoppling till polisen är lämnad.');
    assert.deepEqual(checkTransition('close', own({}), ['hub_supervisor']), noFeedback);
    assert.deepEqual(checkTransition('close', own({ status: 'accepted', isOwn: false, handling: 'handover' }), ['receiver']), noFeedback);
    assert.deepEqual(checkTransition('close', own({ hasFeedback: true }), ['hub_supervisor']), { ok: true, to: 'closed' });
    for (const status of ['forwarded', 'returned'] as const) {
      assert.deepEqual(checkTransition('close', own({ status, isOwn: false, handling: status === 'forwarded' ? 'forward' : 'return' }), ['hub_assignee']), { ok: true, to: 'closed' }, status);
    }
  });
});

describe('rule 4: clarification is not investigation', () => {
  const handedOver = (status: CaseStatus): CaseFacts => ({ status, handling: 'handover', hasSkyddsbedomning: true, hasForhandsbedomning: true, hasFeedback: true, isOwn: false, officePending: false });

  test('on another municipality’s case the hub is told that the assessments are the receiving municipality’s', () => {
    for (const name of ['record_skyddsbedomning', 'record_forhandsbedomning', 'send_feedback', 'close'] as const) {
      for (const rel of ['hub_assignee', 'hub_supervisor'] as const) {
        assert.deepEqual(checkTransition(name, handedOver('accepted'), [rel]), { ok: false, code: 'FORBIDDEN', reason: RULE_4_REASON }, `${name} ${rel}`);
      }
    }
  });

  test('a hub member who is also the receiver acts as the receiver', () => {
    assert.deepEqual(checkTransition('close', handedOver('accepted'), ['hub_assignee', 'receiver']), { ok: true, to: 'closed' });
  });

  test('the hub closes what it forwarded or returned itself, though it is not Stockholm’s case', () => {
    assert.deepEqual(checkTransition('close', { ...handedOver('forwarded'), handling: 'forward' }, ['hub_assignee']), { ok: true, to: 'closed' });
    assert.deepEqual(checkTransition('close', { ...handedOver('returned'), handling: 'return' }, ['hub_supervisor']), { ok: true, to: 'closed' });
  });

  test('transitions that are not assessments stay open to the hub on another municipality’s case', () => {
    assert.deepEqual(checkTransition('claim', { ...handedOver('received'), hasFeedback: false }, ['hub']), { ok: true, to: 'triage' });
    assert.deepEqual(checkTransition('reopen', handedOver('closed'), ['hub_supervisor']), { ok: true, to: 'closed' });
    assert.deepEqual(checkTransition('ask_question', handedOver('accepted'), ['hub']), { ok: true, to: 'accepted' });
  });
});

test('the buttons offered are exactly the transitions that would succeed, in table order', () => {
  const facts: CaseFacts = { status: 'handover_pending', handling: 'handover', hasSkyddsbedomning: false, hasForhandsbedomning: false, hasFeedback: false, isOwn: false, officePending: false };
  assert.deepEqual(allowedTransitions(facts, ['hub_assignee']), ['log_contact_attempt', 'record_verbal_acknowledgement']);
  assert.deepEqual(allowedTransitions(facts, ['hub_supervisor']), ['reassign', 'log_contact_attempt', 'record_verbal_acknowledgement']);
  assert.deepEqual(allowedTransitions(facts, ['receiver']), ['acknowledge', 'refuse', 'ask_question', 'answer_question']);
  assert.deepEqual(allowedTransitions(facts, ['reporter']), ['ask_question', 'answer_question']);
  assert.deepEqual(allowedTransitions({ ...facts, status: 'closed' }, ['reporter']), []);
});
