import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFailure, isLocked, LOCK_MINUTES, MAX_FAILED_ATTEMPTS, type LockState } from './lockout.ts';

const now = new Date('2026-03-01T10:00:00Z');

test('the fifth consecutive failure locks for 15 minutes', () => {
  let state: LockState = { failedLoginCount: 0, lockedUntil: null };
  for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) {
    const next = afterFailure(state, now);
    assert.equal(next.justLocked, false);
    assert.equal(next.failedLoginCount, i);
    state = next;
  }
  const locked = afterFailure(state, now);
  assert.equal(locked.justLocked, true);
  assert.equal(locked.lockedUntil!.getTime() - now.getTime(), LOCK_MINUTES * 60_000);
  assert.ok(isLocked(locked, new Date(now.getTime() + 14 * 60_000)));
  assert.ok(!isLocked(locked, new Date(now.getTime() + 15 * 60_000)));
});

test('after a lock runs out, the count starts again', () => {
  const expired: LockState = { failedLoginCount: 5, lockedUntil: new Date(now.getTime() - 1) };
  const next = afterFailure(expired, now);
  assert.deepEqual(next, { failedLoginCount: 1, lockedUntil: null, justLocked: false });
});
