// Opening-hours calendars (intake units, jour groups) evaluated in Europe/Stockholm.
//
// Precedence for a date, most specific first (the order an administrator would expect):
//   1. an exception for that exact date (e.g. a staff day, extra evening hours);
//   2. an eve (midsommarafton, julafton, nyårsafton) → closed, if closedOnEves;
//   3. a public holiday → closed, if closedOnPublicHolidays;
//   4. a Monday–Friday whose next day is a public holiday → dayBeforeHoliday hours, if set
//      (only on a day that has weekly hours at all: a shortened day never opens a closed one);
//   5. the weekly hours for that ISO weekday.
// Times are wall-clock 'HH:MM' with an exclusive end, so 08:00–17:00 is closed at 17:00.

import type { IsoDate, OpeningHours, TimeRange } from './directory-types.ts';
import { mergeIntervals, type Interval } from './intervals.ts';
import { addDays, isValidIsoDate, isoWeekdayOf, localToInstant, parseLocalTime, toStockholm } from './stockholm-time.ts';
import { eveName, publicHolidayName } from './swedish-holidays.ts';

export type DaySource = 'exception' | 'eve' | 'public_holiday' | 'day_before_holiday' | 'weekly';

export interface DayHours {
  date: IsoDate;
  ranges: TimeRange[];
  /** Which rule decided the day, so UIs and routing reasons can explain it. */
  source: DaySource;
  /** Holiday/eve name or the exception's note, when there is one. */
  note: string | null;
}

function minutesOrNull(time: string): number | null {
  try {
    return parseLocalTime(time);
  } catch {
    return null;
  }
}

/** A range is usable if both ends parse and it is not empty. Bad configuration must not make
 * routing throw at 03:00; it shows up as closed (and as a coverage gap) instead. */
function isUsable(r: TimeRange): boolean {
  const s = minutesOrNull(r.start);
  const e = minutesOrNull(r.end);
  return s !== null && e !== null && s < e && s < 1440;
}

function usable(ranges: readonly TimeRange[] | undefined): TimeRange[] {
  return (ranges ?? []).filter(isUsable);
}

/** Explains which hours apply on a date and why. */
export function describeDay(hours: OpeningHours, date: IsoDate): DayHours {
  const exception = hours.exceptions.find((e) => e.date === date);
  if (exception) return { date, ranges: usable(exception.ranges), source: 'exception', note: exception.note ?? null };
  const eve = eveName(date);
  if (eve && hours.closedOnEves) return { date, ranges: [], source: 'eve', note: eve };
  const holiday = publicHolidayName(date);
  if (holiday && hours.closedOnPublicHolidays) return { date, ranges: [], source: 'public_holiday', note: holiday };
  const weekday = isoWeekdayOf(date);
  const weekly = usable(hours.weekly[weekday]);
  if (weekday <= 5 && hours.dayBeforeHoliday && weekly.length > 0) {
    const next = publicHolidayName(addDays(date, 1));
    if (next) return { date, ranges: usable(hours.dayBeforeHoliday), source: 'day_before_holiday', note: `dag före ${next.toLowerCase()}` };
  }
  return { date, ranges: weekly, source: 'weekly', note: null };
}

/** The local opening ranges on a date (empty = closed all day). */
export function rangesOn(hours: OpeningHours, date: IsoDate): TimeRange[] {
  return describeDay(hours, date).ranges;
}

function rangeToInterval(date: IsoDate, r: TimeRange): Interval {
  return { start: localToInstant(date, r.start), end: localToInstant(date, r.end) };
}

/** Open intervals of one local day as real instants. */
function dayIntervals(hours: OpeningHours, date: IsoDate): Interval[] {
  return rangesOn(hours, date).map((r) => rangeToInterval(date, r));
}

/**
 * Is the calendar open at this instant? Compared as instants (not wall-clock minutes) so it
 * agrees exactly with openIntervals, including on DST days.
 */
export function isOpen(hours: OpeningHours, instant: Date): boolean {
  const { date } = toStockholm(instant);
  const t = instant.getTime();
  return dayIntervals(hours, date).some((i) => i.start.getTime() <= t && t < i.end.getTime());
}

/** Open intervals for `days` local days starting at `fromDate`, merged across midnight. */
export function openIntervals(hours: OpeningHours, fromDate: IsoDate, days: number): Interval[] {
  const out: Interval[] = [];
  for (let d = 0; d < days; d++) out.push(...dayIntervals(hours, addDays(fromDate, d)));
  return mergeIntervals(out);
}

/** Problems with a calendar in Swedish, for admin validation (empty = fine). */
export function validateOpeningHours(hours: OpeningHours): string[] {
  const problems: string[] = [];
  const check = (ranges: readonly TimeRange[], where: string): void => {
    for (const r of ranges) {
      if (!isUsable(r)) problems.push(`Ogiltigt tidsintervall ${r.start}–${r.end} (${where}): ange HH:MM–HH:MM där start är före slut.`);
    }
  };
  for (const [day, ranges] of Object.entries(hours.weekly)) check(ranges ?? [], `veckodag ${day}`);
  if (hours.dayBeforeHoliday) check(hours.dayBeforeHoliday, 'dag före helgdag');
  for (const e of hours.exceptions) {
    if (!isValidIsoDate(e.date)) problems.push(`Ogiltigt datum i undantag: ${e.date}.`);
    check(e.ranges, `undantag ${e.date}`);
  }
  return problems;
}
