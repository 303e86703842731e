// The one definition of what needs the hub now: which clocks are the hub's, "försenad", and the
// queue's order, for every status and clock kind.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { caseStatuses } from './case-machine.ts';
import { clockKinds } from './deadlines.ts';
import { attentionBucket, compareForHub, hubClockOf, hubClocksByStatus, isHubClock, isOverdue, type QueueItem, type RunningClock } from './hub-attention.ts';

const now = Date.parse('2026-03-03T10:00:00Z');
const clock = (c: string, minutesFromNow: number, breached = false, escalationStep = 0): RunningClock => ({
  clock: c,
  dueAt: new Date(now + minutesFromNow * 60_000).toISOString(),
  breached,
  escalationStep,
});

describe('whose clock', () => {
  test('every status has an entry, every entry is a clock kind', () => {
    for (const s of caseStatuses) {
      for (const k of hubClocksByStatus[s]) assert.ok((clockKinds as readonly string[]).includes(k), `${s}: ${k}`);
    }
  });
  test('kvitterad by another municipality, forwarded, returned or closed: nothing is the hub’s', () => {
    for (const s of ['accepted', 'forwarded', 'returned', 'closed'] as const) {
      for (const k of clockKinds) assert.equal(isHubClock(s, k), false, `${s}: ${k}`);
    }
  });
  test('while the case is with the hub: taking, deciding, the handover’s kvittens and clarification', () => {
    for (const s of ['received', 'triage', 'handover_pending'] as const) {
      for (const k of clockKinds) {
        assert.equal(isHubClock(s, k), ['claim', 'triage', 'acknowledge', 'report_to_kvittens', 'clarification'].includes(k), `${s}: ${k}`);
      }
    }
  });
  test('Stockholm’s own case: the assessments, feedback and closure are the hub’s too', () => {
    for (const k of ['skyddsbedomning', 'forhandsbedomning', 'feedback', 'closure'] as const) assert.ok(isHubClock('own', k), k);
    assert.equal(isHubClock('own', 'information_request'), false);
  });
});

describe('the hub’s clock and "försenad"', () => {
  test('the earliest due of the hub’s clocks; the municipality’s clocks never count', () => {
    assert.equal(hubClockOf('accepted', [clock('skyddsbedomning', -30, true)]), null);
    assert.equal(hubClockOf('handover_pending', [clock('skyddsbedomning', -30), clock('acknowledge', 12), clock('report_to_kvittens', 40)])?.clock, 'acknowledge');
    assert.equal(hubClockOf('received', []), null);
  });
  test('overdue when breached or due, not before', () => {
    assert.equal(isOverdue(null, now), false);
    assert.equal(isOverdue(clock('claim', 1), now), false);
    assert.equal(isOverdue(clock('claim', 0), now), true);
    assert.equal(isOverdue(clock('claim', -11, true, 3), now), true);
    // Marked breached by the engine while the client's clock is a little behind: still overdue.
    assert.equal(isOverdue(clock('claim', 0.5, true), now), true);
  });
  test('buckets', () => {
    assert.equal(attentionBucket(clock('claim', -1), now), 0);
    assert.equal(attentionBucket(clock('claim', 5), now), 1);
    assert.equal(attentionBucket(null, now), 2);
  });
});

describe('the queue’s order', () => {
  let n = 0;
  const item = (urgency: QueueItem['urgency'], hubClock: RunningClock | null, receivedMinutesAgo: number): QueueItem => ({
    id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    urgency,
    receivedAt: new Date(now - receivedMinutesAgo * 60_000).toISOString(),
    hubClock,
  });

  test('overdue before running before nothing-for-the-hub, whatever the age or urgency', () => {
    const kvitterad = item('acute', null, 300);
    const running = item('not_urgent', clock('triage', 15), 5);
    const late = item('not_urgent', clock('claim', -1), 1);
    const sorted = [kvitterad, running, late].sort((a, b) => compareForHub(a, b, now));
    assert.deepEqual(sorted, [late, running, kvitterad]);
  });
  test('within a bucket: acute first, then due soonest, then oldest', () => {
    const today = item('today', clock('claim', -20), 30);
    const acute = item('acute', clock('claim', -1), 11);
    const acuteSooner = item('acute', clock('claim', -5), 15);
    assert.deepEqual([today, acute, acuteSooner].sort((a, b) => compareForHub(a, b, now)), [acuteSooner, acute, today]);
    const a = item('today', clock('triage', 10), 3);
    const b = item('today', clock('triage', 10), 9);
    assert.deepEqual([a, b].sort((x, y) => compareForHub(x, y, now)), [b, a]);
  });
  test('a total order: antisymmetric and the same whatever the input order', () => {
    const items = [
      item('acute', null, 1),
      item('today', clock('claim', 3), 7),
      item('not_urgent', clock('closure', 600), 90),
      item('acute', clock('acknowledge', -2, true, 2), 40),
      item('today', clock('claim', -2), 12),
      item('acute', clock('claim', 3), 7),
    ];
    const once = [...items].sort((a, b) => compareForHub(a, b, now));
    const again = [...items].reverse().sort((a, b) => compareForHub(a, b, now));
    assert.deepEqual(once, again);
    for (const a of items) for (const b of items) assert.equal(Math.sign(compareForHub(a, b, now)), -Math.sign(compareForHub(b, a, now)) || 0);
  });
});
