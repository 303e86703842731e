import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { allowedTransitions, caseStatuses, checkTransition, transitions, type CaseFacts, type CaseRelation, type TransitionName } from './case-machine.ts';

const base: CaseFacts = { status: 'received', handling: null, hasSkyddsbedomning: false, hasForhandsbedomning: false, hasFeedback: false, isOwn: false, officePending: false };
const HUB: CaseRelation[] = ['hub', 'hub_assignee', 'hub_supervisor'];
const names = Object.keys(transitions) as TransitionName[];

describe('rule 4: clarification is not investigation', () => {
  for (const status of caseStatuses) {
    for (const name of ['record_skyddsbedomning', 'record_forhandsbedomning', 'send_feedback'] as const) {
      test(`the hub cannot ${name} on another municipality's case (${status})`, () => {
        const facts = { ...base, status, hasSkyddsbedomning: name !== 'record_skyddsbedomning', hasForhandsbedomning: name === 'send_feedback' };
        const r = checkTransition(name, facts, HUB);
        assert.equal(r.ok, false);
      });
    }
  }

  test('the hub may assess Stockholm’s own case', () => {
    const r = checkTransition('record_skyddsbedomning', { ...base, status: 'own', isOwn: true }, ['hub', 'hub_assignee']);
    assert.deepEqual(r, { ok: true, to: 'own' });
  });

  test('the receiving municipality may assess the accepted case', () => {
    assert.equal(checkTransition('record_skyddsbedomning', { ...base, status: 'accepted' }, ['receiver']).ok, true);
  });
});

describe('who and from where', () => {
  test('only the receiving side acknowledges, only from handover_pending', () => {
    for (const status of caseStatuses) {
      for (const rel of [...HUB, 'reporter', 'receiver'] as CaseRelation[]) {
        const r = checkTransition('acknowledge', { ...base, status }, [rel]);
        assert.equal(r.ok, status === 'handover_pending' && rel === 'receiver', `${status} ${rel}`);
      }
    }
  });

  test('the police never change a case’s state, they only take part in the thread', () => {
    for (const status of caseStatuses) {
      const allowed = allowedTransitions({ ...base, status, handling: 'handover', hasSkyddsbedomning: true, hasForhandsbedomning: true, hasFeedback: true }, ['reporter']);
      assert.ok(allowed.every((n) => n === 'ask_question' || n === 'answer_question'), `${status}: ${allowed.join(',')}`);
    }
  });

  test('wrong party is FORBIDDEN, wrong state is INVALID_STATE', () => {
    const party = checkTransition('claim', base, ['reporter']);
    assert.equal(party.ok ? null : party.code, 'FORBIDDEN');
    const state = checkTransition('claim', { ...base, status: 'closed' }, ['hub']);
    assert.equal(state.ok ? null : state.code, 'INVALID_STATE');
  });

  test('a decision leads where its handling says', () => {
    const t = (handling: CaseFacts['handling']) => checkTransition('decide', { ...base, status: 'triage', handling }, ['hub_assignee']);
    assert.deepEqual(t('own'), { ok: true, to: 'own' });
    assert.deepEqual(t('handover'), { ok: true, to: 'handover_pending' });
    assert.deepEqual(t('forward'), { ok: true, to: 'triage' });
    assert.deepEqual(t('return'), { ok: true, to: 'triage' });
  });

  test('assessments come in order, and a case is closed only after feedback', () => {
    const accepted = { ...base, status: 'accepted' as const };
    assert.equal(checkTransition('record_forhandsbedomning', accepted, ['receiver']).ok, false);
    assert.equal(checkTransition('send_feedback', { ...accepted, hasSkyddsbedomning: true }, ['receiver']).ok, false);
    assert.equal(checkTransition('close', { ...accepted, hasSkyddsbedomning: true, hasForhandsbedomning: true }, ['receiver']).ok, false);
    assert.deepEqual(checkTransition('close', { ...accepted, hasSkyddsbedomning: true, hasForhandsbedomning: true, hasFeedback: true }, ['receiver']), {
      ok: true,
      to: 'closed',
    });
  });

  test('every target state is a real state', () => {
    for (const name of names) {
      for (const status of caseStatuses) {
        for (const handling of ['own', 'handover', 'forward', 'return', null] as const) {
          const r = checkTransition(name, { ...base, status, handling, isOwn: handling === 'own' }, ['hub', 'hub_assignee', 'hub_supervisor', 'receiver', 'reporter']);
          if (r.ok) assert.ok((caseStatuses as readonly string[]).includes(r.to));
        }
      }
    }
  });
});

test('random walks never close an accepted or own case without feedback, nor assess before acceptance', () => {
  const relations: CaseRelation[] = ['hub', 'hub_assignee', 'hub_supervisor', 'receiver', 'reporter'];
  fc.assert(
    fc.property(fc.array(fc.nat(), { maxLength: 40 }), fc.constantFrom<CaseFacts['handling']>('own', 'handover', 'forward', 'return'), (choices, handling) => {
      let facts: CaseFacts = { ...base, handling, isOwn: handling === 'own' };
      let closedFrom: CaseFacts | null = null;
      for (const c of choices) {
        const options = allowedTransitions(facts, relations);
        if (options.length === 0) break;
        const name = options[c % options.length]!;
        const r = checkTransition(name, facts, relations);
        assert.ok(r.ok);
        if (name === 'record_skyddsbedomning') {
          assert.ok(facts.status === 'accepted' || facts.status === 'own');
          facts = { ...facts, hasSkyddsbedomning: true };
        }
        if (name === 'record_forhandsbedomning') facts = { ...facts, hasForhandsbedomning: true };
        if (name === 'send_feedback') facts = { ...facts, hasFeedback: true };
        if (name === 'close') closedFrom = facts;
        facts = { ...facts, status: name === 'reopen' ? (closedFrom?.status ?? 'accepted') : r.to };
        if (facts.status === 'closed' && closedFrom && (closedFrom.status === 'accepted' || closedFrom.status === 'own')) {
          assert.ok(closedFrom.hasFeedback, 'closed without feedback');
        }
      }
    }),
    { numRuns: 2000 },
  );
});
