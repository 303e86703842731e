import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSwedish, showSwedish } from './swedish-date.ts';

test('dates and times written the Swedish way become the native values', () => {
  assert.equal(parseSwedish('datetime', '2026-04-12 04:09'), '2026-04-12T04:09');
  assert.equal(parseSwedish('datetime', '2026-04-12T04:09'), '2026-04-12T04:09');
  assert.equal(parseSwedish('datetime', ' 2026-04-12  4.09 '), '2026-04-12T04:09');
  assert.equal(parseSwedish('datetime', '20260412 0409'), '2026-04-12T04:09');
  assert.equal(parseSwedish('datetime', '2026-04-12 kl. 23:05'), '2026-04-12T23:05');
  assert.equal(parseSwedish('date', '2026-02-28'), '2026-02-28');
  assert.equal(parseSwedish('date', '20260228'), '2026-02-28');
});

test('what is not a date and time in that form is refused', () => {
  for (const text of ['12/04/2026, 04:09 AM', '2026-04-12', '2026-04-12 24:00', '2026-04-12 04:60', '2026-02-30 10:00', '2026', '']) {
    assert.equal(parseSwedish('datetime', text), null, text);
  }
  for (const text of ['04/12/2026', '2026-13-01', '2026-02-29', '2026-04-12 04:09']) assert.equal(parseSwedish('date', text), null, text);
});

test('native values are shown the Swedish way', () => {
  assert.equal(showSwedish('2026-04-12T04:09'), '2026-04-12 04:09');
  assert.equal(showSwedish('2026-04-12'), '2026-04-12');
  assert.equal(showSwedish(''), '');
});
