import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FixedWindowLimiter } from './rate-limit.ts';

test('allows the limit per window and per key, then tells how long to wait', () => {
  const limiter = new FixedWindowLimiter(3, 60_000);
  const t0 = 1_000_000;
  for (let i = 0; i < 3; i++) assert.equal(limiter.hit('a', t0 + i).allowed, true);
  const refused = limiter.hit('a', t0 + 10_000);
  assert.equal(refused.allowed, false);
  assert.equal(refused.retryAfterSeconds, 50);
  assert.equal(limiter.hit('b', t0 + 10_000).allowed, true, 'other addresses are not affected');
  assert.equal(limiter.hit('a', t0 + 60_000).allowed, true, 'a new window starts afresh');
});
