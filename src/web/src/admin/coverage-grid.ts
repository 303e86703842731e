// Hours without coverage per municipality and Stockholm calendar day, from the API's gap list.
import { formatNumber } from '../i18n.ts';
import { addDays, stockholmMidnight } from './time.ts';
import type { CoverageGap } from './types.ts';

export function periodDays(from: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => addDays(from, i));
}

/** Municipality code → hours without coverage on each day of `days`. */
export function uncoveredHours(gaps: CoverageGap[], days: string[]): Map<string, number[]> {
  const bounds = days.map((d) => [stockholmMidnight(d), stockholmMidnight(addDays(d, 1))] as const);
  const result = new Map<string, number[]>();
  for (const gap of gaps) {
    const row = result.get(gap.municipalityCode) ?? days.map(() => 0);
    const start = Date.parse(gap.start);
    const end = Date.parse(gap.end);
    bounds.forEach(([dayStart, dayEnd], i) => {
      const overlap = Math.min(end, dayEnd) - Math.max(start, dayStart);
      if (overlap > 0) row[i] = (row[i] ?? 0) + overlap / 3_600_000;
    });
    result.set(gap.municipalityCode, row);
  }
  return result;
}

/** "2", "0,5": hours as Swedes write them, at most one decimal. */
export function formatHours(hours: number): string {
  return formatNumber(Math.round(hours * 10) / 10);
}
