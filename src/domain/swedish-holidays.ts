// Swedish public holidays and the three "eves" that intake offices treat as closed.
//
// Public holidays come from `date-holidays` (country SE, type 'public'): nyårsdagen,
// trettondedag jul, långfredagen, påskdagen, annandag påsk, första maj, Kristi himmelsfärdsdag,
// nationaldagen, pingstdagen, midsommardagen, alla helgons dag, juldagen, annandag jul.
// date-holidays also lists observances (påskafton, Luciadagen, annandag pingst, which stopped
// being a holiday in 2005 …) and half-day 'optional' afternoons (valborgsmässoafton …): those
// are ordinary working days for the calendars, so only 'public' is kept. Ordinary Sundays are
// "allmän helgdag" by law but are not listed; the weekly hours already close on Sundays.
//
// Midsommarafton, julafton and nyårsafton are not public holidays by law (date-holidays types
// them 'bank'), but offices are closed in practice. We compute them from their definitions
// rather than trusting a library type that could be reclassified; a test cross-checks them.

import Holidays from 'date-holidays';
import type { IsoDate } from './directory-types.ts';
import { addDays, isoWeekdayOf } from './stockholm-time.ts';

export interface YearHolidays {
  /** Public holiday date → Swedish name (e.g. '2025-05-29' → 'Kristi himmelsfärdsdag'). */
  publicHolidays: ReadonlyMap<IsoDate, string>;
  /** Eve date → Swedish name (midsommarafton, julafton, nyårsafton). */
  eves: ReadonlyMap<IsoDate, string>;
}

// Building the rule engine is slow (parses the whole SE rule set): do it once, lazily.
let engine: Holidays | undefined;
const byYear = new Map<number, YearHolidays>();

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Midsommarafton: the Friday between 19 and 25 June (the day before midsommardagen). */
export function midsommarafton(year: number): IsoDate {
  const june19 = `${String(year).padStart(4, '0')}-06-19`;
  const shift = (5 - isoWeekdayOf(june19) + 7) % 7; // 5 = Friday
  return addDays(june19, shift);
}

function computeYear(year: number): YearHolidays {
  engine ??= new Holidays('SE');
  const publicHolidays = new Map<IsoDate, string>();
  for (const h of engine.getHolidays(year, 'sv')) {
    // h.date is the local (Stockholm) 'YYYY-MM-DD HH:MM:SS' of the start.
    if (h.type === 'public') publicHolidays.set(h.date.slice(0, 10), capitalize(h.name));
  }
  const y = String(year).padStart(4, '0');
  const eves = new Map<IsoDate, string>([
    [midsommarafton(year), 'Midsommarafton'],
    [`${y}-12-24`, 'Julafton'],
    [`${y}-12-31`, 'Nyårsafton'],
  ]);
  return { publicHolidays, eves };
}

/** Public holidays and eves of a year; cached, so warm look-ups are a Map hit. */
export function holidaysOf(year: number): YearHolidays {
  let entry = byYear.get(year);
  if (!entry) {
    entry = computeYear(year);
    byYear.set(year, entry);
  }
  return entry;
}

function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Name of the public holiday on `date`, or null. */
export function publicHolidayName(date: IsoDate): string | null {
  return holidaysOf(yearOf(date)).publicHolidays.get(date) ?? null;
}

export function isPublicHoliday(date: IsoDate): boolean {
  return publicHolidayName(date) !== null;
}

/** Name of the eve (midsommarafton, julafton, nyårsafton) on `date`, or null. */
export function eveName(date: IsoDate): string | null {
  return holidaysOf(yearOf(date)).eves.get(date) ?? null;
}

export function isEve(date: IsoDate): boolean {
  return eveName(date) !== null;
}
