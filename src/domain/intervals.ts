// Half-open instant intervals [start, end). Calendars and coverage work on merged intervals
// between real instants (not on sampled hours), so DST days of 23 or 25 hours come out right.

export interface Interval {
  start: Date;
  /** Exclusive: at `end` the interval no longer holds (17:00 is closed). */
  end: Date;
}

/** Sorts and merges overlapping or touching intervals; drops empty ones. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter((i) => i.end.getTime() > i.start.getTime())
    .slice()
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start.getTime() <= last.end.getTime()) {
      if (i.end.getTime() > last.end.getTime()) last.end = new Date(i.end.getTime());
    } else {
      out.push({ start: new Date(i.start.getTime()), end: new Date(i.end.getTime()) });
    }
  }
  return out;
}

/** The parts of `window` not covered by `covered` (which need not be merged). */
export function complementWithin(window: Interval, covered: readonly Interval[]): Interval[] {
  const gaps: Interval[] = [];
  let cursor = window.start.getTime();
  const stop = window.end.getTime();
  for (const c of mergeIntervals(covered)) {
    const s = Math.max(c.start.getTime(), window.start.getTime());
    const e = Math.min(c.end.getTime(), stop);
    if (e <= s) continue;
    if (s > cursor) gaps.push({ start: new Date(cursor), end: new Date(s) });
    cursor = Math.max(cursor, e);
  }
  if (cursor < stop) gaps.push({ start: new Date(cursor), end: new Date(stop) });
  return gaps;
}

/** True if `instant` lies in one of the intervals (start inclusive, end exclusive). */
export function containsInstant(intervals: readonly Interval[], instant: Date): boolean {
  const t = instant.getTime();
  return intervals.some((i) => i.start.getTime() <= t && t < i.end.getTime());
}
