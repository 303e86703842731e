// When a case held by a jour group overnight reaches its municipality's office intake (DESIGN.md
// rule 5, "Jour → office"): the next instant the office's calendar says it is open. Pure, and
// built on calendar.ts's instants, so weekends, public holidays, eves, shortened days before a
// holiday and DST days come out exactly as they do for routing.
import { openIntervals } from './calendar.ts';
import type { DirectorySnapshot, IntakeUnit, OpeningHours } from './directory-types.ts';
import { addDays, stockholmDate } from './stockholm-time.ts';

/** How far ahead to look; a calendar closed this long is a configuration fault, not a holiday. */
export const OPENING_SEARCH_DAYS = 31;

/**
 * The first instant at or after `from` at which `hours` is open: `from` itself while it is open
 * (a jour kvittens given after the office opened passes at once), else the start of the next
 * open interval. null when the calendar stays closed for OPENING_SEARCH_DAYS.
 */
export function nextOfficeOpening(hours: OpeningHours, from: Date): Date | null {
  // From the day before, so an interval that began yesterday and runs past midnight counts.
  const start = addDays(stockholmDate(from), -1);
  for (const i of openIntervals(hours, start, OPENING_SEARCH_DAYS + 2)) {
    if (i.end.getTime() <= from.getTime()) continue;
    return i.start.getTime() <= from.getTime() ? new Date(from) : i.start;
  }
  return null;
}

/**
 * The office intake that takes over from the jour: the municipality's intake unit (one per
 * municipality outside Stockholm, and a jour group never answers for Stockholm's own cases).
 */
export function officeIntakeOf(dir: DirectorySnapshot, municipalityCode: string): IntakeUnit | null {
  return dir.intakeUnits.find((u) => u.municipalityCode === municipalityCode) ?? null;
}
