// Half-open intervals [start, end): the arithmetic behind opening hours and coverage gaps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { complementWithin, containsInstant, mergeIntervals, type Interval } from './intervals.ts';

const h = (hour: number) => new Date(Date.UTC(2025, 0, 1, hour));
const iv = (a: number, b: number): Interval => ({ start: h(a), end: h(b) });
const hours = (xs: Interval[]) => xs.map((i) => [i.start.getUTCHours(), i.end.getUTCHours()]);

test('merging: overlapping and touching intervals become one, empty and inverted ones are dropped, the result is sorted', () => {
  assert.deepEqual(hours(mergeIntervals([iv(8, 12), iv(10, 11)])), [[8, 12]], 'a contained interval does not shorten the one it is in');
  assert.deepEqual(hours(mergeIntervals([iv(10, 11), iv(8, 12)])), [[8, 12]]);
  assert.deepEqual(hours(mergeIntervals([iv(8, 10), iv(10, 12)])), [[8, 12]], 'touching at 10:00');
  assert.deepEqual(hours(mergeIntervals([iv(8, 10), iv(11, 12)])), [[8, 10], [11, 12]]);
  assert.deepEqual(hours(mergeIntervals([iv(5, 5), iv(7, 6)])), []);
  assert.deepEqual(hours(mergeIntervals([iv(13, 14), iv(1, 2), iv(5, 6)])), [[1, 2], [5, 6], [13, 14]]);
  assert.deepEqual(mergeIntervals([]), []);
});

test('merging never changes its input and returns fresh dates', () => {
  const input = [iv(8, 10), iv(9, 12)];
  const out = mergeIntervals(input);
  assert.deepEqual(hours(input), [[8, 10], [9, 12]]);
  assert.notEqual(out[0]?.start, input[0]?.start);
  assert.notEqual(out[0]?.end, input[1]?.end);
  out[0]!.end.setTime(0);
  assert.equal(input[1]?.end.getUTCHours(), 12);
});

test('the complement within a window: what is left uncovered, clipped to the window', () => {
  assert.deepEqual(hours(complementWithin(iv(0, 10), [iv(0, 10)])), []);
  assert.deepEqual(hours(complementWithin(iv(2, 10), [iv(0, 4), iv(8, 12)])), [[4, 8]]);
  assert.deepEqual(hours(complementWithin(iv(2, 10), [iv(0, 1), iv(11, 12)])), [[2, 10]], 'covered only outside the window');
  assert.deepEqual(hours(complementWithin(iv(2, 10), [iv(0, 2), iv(10, 12)])), [[2, 10]], 'touching the window from outside');
  assert.deepEqual(hours(complementWithin(iv(0, 10), [iv(3, 4), iv(3, 6), iv(1, 2)])), [[0, 1], [2, 3], [6, 10]]);
  assert.deepEqual(hours(complementWithin(iv(0, 10), [iv(6, 10)])), [[0, 6]]);
});

test('containment: start inclusive, end exclusive', () => {
  const xs = [iv(1, 2), iv(4, 6)];
  assert.equal(containsInstant(xs, h(1)), true);
  assert.equal(containsInstant(xs, new Date(h(2).getTime() - 1)), true);
  assert.equal(containsInstant(xs, h(2)), false);
  assert.equal(containsInstant(xs, h(3)), false);
  assert.equal(containsInstant(xs, h(5)), true);
  assert.equal(containsInstant([], h(5)), false);
});

test('property: an instant in the window is in the complement exactly when no covered interval holds it', () => {
  const arbIv = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })).map(([a, b]) => ({ start: new Date(a * 60_000), end: new Date(b * 60_000) }));
  fc.assert(
    fc.property(arbIv, fc.array(arbIv, { maxLength: 6 }), fc.integer({ min: 0, max: 30 }), (window, covered, m) => {
      const t = new Date(m * 60_000);
      fc.pre(containsInstant([window], t));
      assert.equal(containsInstant(complementWithin(window, covered), t), !containsInstant(covered, t));
      assert.equal(containsInstant(mergeIntervals(covered), t), containsInstant(covered, t));
    }),
    { numRuns: 500 },
  );
});
