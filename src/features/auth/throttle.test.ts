import assert from 'node:assert/strict';
import { test } from 'node:test';
import { delayAfter, FIRST_DELAY_SECONDS, FREE_FAILURES, MAX_DELAY_SECONDS } from './throttle.ts';

test('the first failures are free, then each one doubles the wait, up to the cap', () => {
  const delays = Array.from({ length: 14 }, (_, i) => delayAfter(i + 1));
  assert.deepEqual(delays, [0, 0, 0, 5, 10, 20, 40, 80, 160, 320, 640, 900, 900, 900]);
  assert.equal(FREE_FAILURES, 3);
  assert.equal(FIRST_DELAY_SECONDS, 5);
  assert.equal(MAX_DELAY_SECONDS, 900);
  assert.equal(delayAfter(0), 0);
  assert.equal(delayAfter(1000), MAX_DELAY_SECONDS, 'no overflow past the cap');
});

test('a day of guessing from one address for one username stays near a hundred tries', () => {
  let seconds = 0;
  let tries = 0;
  while (seconds < 24 * 3600) seconds += delayAfter(++tries);
  assert.ok(tries < 110, `${tries} tries in a day`);
});
