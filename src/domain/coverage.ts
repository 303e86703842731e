// Coverage gaps (DESIGN.md rule 3): every collaborating municipality must have a reachable
// phone number at every moment. A gap is an interval in which its own intake is closed and no
// jour group answers for it. Computed from interval arithmetic per local day (real instants,
// so 23- and 25-hour DST days are exact), never by sampling the clock.

import type { DirectorySnapshot, IsoDate } from './directory-types.ts';
import { STOCKHOLM_CODE, collaboratesOn } from './agreements.ts';
import { openIntervals } from './calendar.ts';
import { hasPhone, jourGroupsFor } from './contacts.ts';
import { complementWithin, mergeIntervals, type Interval } from './intervals.ts';
import { addDays, startOfDay } from './stockholm-time.ts';

export interface CoverageGap {
  municipalityCode: string;
  municipalityName: string;
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** Intervals of one local day in which someone answers for the municipality. */
function coveredOn(dir: DirectorySnapshot, code: string, date: IsoDate, day: Interval): Interval[] {
  const covered: Interval[] = [];
  for (const g of jourGroupsFor(dir, code, date)) {
    if (!g.contacts.some(hasPhone)) continue;
    // hours null: the group answers whenever the member's intake is closed, i.e. all day long
    // together with the intake; no need to look further.
    if (g.hours === null) return [day];
    covered.push(...openIntervals(g.hours, date, 1));
  }
  for (const u of dir.intakeUnits) {
    if (u.municipalityCode === code && u.contacts.some(hasPhone)) covered.push(...openIntervals(u.hours, date, 1));
  }
  return covered;
}

/**
 * Gaps for every collaborating county municipality over `days` local days from `fromDate`.
 * Days on which a municipality does not collaborate (no agreement in force) are not checked:
 * reports for it are forwarded, not handed over. Stockholm is covered by the hub (24/7) as long
 * as the hub has a phone number. Adjacent gaps across midnight are merged. Sorted by
 * municipality code, then start.
 */
export function findCoverageGaps(dir: DirectorySnapshot, fromDate: IsoDate, days: number): CoverageGap[] {
  const hubReachable = dir.hub.contacts.some(hasPhone);
  const dates: IsoDate[] = [];
  for (let d = 0; d < days; d++) dates.push(addDays(fromDate, d));
  const windows = dates.map((date) => ({ start: startOfDay(date), end: startOfDay(addDays(date, 1)) }));

  const gaps: CoverageGap[] = [];
  const municipalities = dir.municipalities.filter((m) => m.inCounty).sort((a, b) => a.code.localeCompare(b.code));
  for (const m of municipalities) {
    if (m.code === STOCKHOLM_CODE && hubReachable) continue;
    const own: Interval[] = [];
    dates.forEach((date, i) => {
      const day = windows[i];
      if (!day || !collaboratesOn(dir, m.code, date)) return;
      own.push(...complementWithin(day, coveredOn(dir, m.code, date, day)));
    });
    for (const g of mergeIntervals(own)) {
      gaps.push({ municipalityCode: m.code, municipalityName: m.name, start: g.start, end: g.end });
    }
  }
  return gaps;
}
