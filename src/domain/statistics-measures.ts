// What the pilot's measures are, before any suppression: the aggregates one scope (the county or
// one municipality) has over a period. The statistics feature computes them in SQL
// (src/features/statistics/queries.ts) so that only these few numbers leave PostgreSQL;
// `aggregateFacts` below is the same definition over fact rows in plain code, the reference the
// SQL is tested against (queries.test.ts, on PostgreSQL and PGlite) and what the pure
// tests of src/domain/statistics.ts feed the report with.
//
// Definitions (the hand-computed fixtures in statistics.test.ts follow them exactly; the SQL
// reproduces each one):
// - a duration is whole minutes between two milestone instants, rounded half up
//   (Math.round; SQL floor(x + 0.5)); a pair whose rounded difference is negative is left out;
// - the median of an even number of values is the mean of the two middle ones (SQL
//   percentile_cont(0.5)); the 90th percentile is the nearest-rank value, the ⌈0.9·n⌉-th
//   smallest (SQL percentile_disc(0.9), which computes the same ceil in the same float8);
// - weeks are ISO weeks of the Stockholm receipt date, months and quarters of the same date;
// - feedback is within 14 days when given by the end of the Stockholm day 14 days after the
//   receipt date (the förhandsbedömning's own deadline rule), counted over the cases
//   acknowledged by a municipality or kept by Stockholm whose 14 days have passed or that got it.
import { endOfStockholmDay } from './deadlines.ts';
import { addDays, isoWeekdayOf } from './stockholm-time.ts';

/** The facts the measures read (a subset of CaseFactValues). */
export interface StatFact {
  receivedAt: Date;
  receivedDate: string;
  receivedHour: number;
  receivedWeekday: number;
  officeHours: boolean;
  municipalityCode: string | null;
  handling: string | null;
  inTargetGroup: boolean | null;
  claimedAt: Date | null;
  decidedAt: Date | null;
  acknowledgedAt: Date | null;
  skyddsbedomningAt: Date | null;
  forhandsbedomningAt: Date | null;
  feedbackAt: Date | null;
  forwardedAt: Date | null;
  returnedAt: Date | null;
  clocks: Record<string, { breaches: number; escalations: number }>;
}

export const durationMeasures = [
  'report_to_claim',
  'claim_to_decision',
  'decision_to_kvittens',
  'report_to_kvittens',
  'kvittens_to_skyddsbedomning',
  'report_to_forhandsbedomning',
] as const;
export type DurationMeasure = (typeof durationMeasures)[number];

/** The milestone pair of each duration, as fact fields. */
export const durationPairs: Record<DurationMeasure, readonly [keyof StatFact, keyof StatFact]> = {
  report_to_claim: ['receivedAt', 'claimedAt'],
  claim_to_decision: ['claimedAt', 'decidedAt'],
  decision_to_kvittens: ['decidedAt', 'acknowledgedAt'],
  report_to_kvittens: ['receivedAt', 'acknowledgedAt'],
  kvittens_to_skyddsbedomning: ['acknowledgedAt', 'skyddsbedomningAt'],
  report_to_forhandsbedomning: ['receivedAt', 'forhandsbedomningAt'],
};

/** A duration's raw figures: the cases measured and, from one case on, median, p90 and max in minutes. */
export interface DurationAggregate {
  n: number;
  median: number | null;
  p90: number | null;
  max: number | null;
}

/** Counts keyed by a dimension's value; a key with no case may be missing (read as 0). */
export type Counts = Record<string, number>;

/** One scope's raw figures over a period: nothing suppressed yet. */
export interface StatAggregates {
  total: number;
  /** 'YYYY-Www' (ISO week of the Stockholm receipt date). */
  byWeek: Counts;
  /** 'YYYY-MM'. */
  byMonth: Counts;
  /** Municipality code, 'unknown' for none. */
  byMunicipality: Counts;
  /** 'office' | 'jour'. */
  byOfficeHours: Counts;
  /** ISO weekday '1'..'7'. */
  byWeekday: Counts;
  /** '00'..'23'. */
  byHour: Counts;
  durations: Record<DurationMeasure, DurationAggregate>;
  feedback: { onTime: number; settled: number };
  /** Per clock kind: the cases with at least one breach, and with at least one escalation. */
  clocks: Record<string, { breached: number; escalated: number }>;
  targetGroup: { yes: number; known: number };
  forwarded: number;
  returned: number;
}

/** Whole minutes from one instant to another, rounded half up; null if either is missing or it is negative. */
export function minutesBetween(from: Date | null, to: Date | null): number | null {
  if (!from || !to) return null;
  const d = Math.round((to.getTime() - from.getTime()) / 60_000);
  return d >= 0 ? d + 0 : null; // + 0: Math.round(-0.4) is -0, a zero like any other
}

export function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest rank: the ⌈p·n⌉-th smallest value. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export function aggregateDurations(values: readonly number[]): DurationAggregate {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, median: null, p90: null, max: null };
  return { n: sorted.length, median: median(sorted), p90: percentile(sorted, 0.9), max: sorted.at(-1)! };
}

/** The instant by which feedback counts as within 14 days: the end of the Stockholm day 14 days after receipt. */
export const feedbackDeadline = (receivedDate: string): Date => endOfStockholmDay(addDays(receivedDate, 14));

/** Is feedback owed: a municipality acknowledged the case, or Stockholm kept it. */
export const feedbackOwed = (f: Pick<StatFact, 'acknowledgedAt' | 'handling'>): boolean => f.acknowledgedAt !== null || f.handling === 'own';

/** ISO week of a date, 'YYYY-Www' (the week-numbering year may differ from the calendar year). */
export function isoWeekOf(date: string): string {
  const weekday = isoWeekdayOf(date);
  const thursday = addDays(date, 4 - weekday);
  const year = Number(thursday.slice(0, 4));
  const dayOfYear = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

export const monthOf = (date: string) => date.slice(0, 7);
export const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

function countBy(facts: readonly StatFact[], keyOf: (f: StatFact) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of facts) {
    const k = keyOf(f);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** The aggregates of facts already filtered to one scope and period, by the definitions above. */
export function aggregateFacts(facts: readonly StatFact[], opts: { asOf: Date }): StatAggregates {
  const owed = facts.filter(feedbackOwed);
  const settled = owed.filter((f) => f.feedbackAt !== null || feedbackDeadline(f.receivedDate) < opts.asOf);
  const onTime = settled.filter((f) => f.feedbackAt !== null && f.feedbackAt <= feedbackDeadline(f.receivedDate));
  const clocks: Record<string, { breached: number; escalated: number }> = {};
  for (const f of facts) {
    for (const [clock, tally] of Object.entries(f.clocks)) {
      const c = (clocks[clock] ??= { breached: 0, escalated: 0 });
      if ((tally.breaches ?? 0) > 0) c.breached++;
      if ((tally.escalations ?? 0) > 0) c.escalated++;
    }
  }
  const known = facts.filter((f) => f.inTargetGroup !== null);
  return {
    total: facts.length,
    byWeek: countBy(facts, (f) => isoWeekOf(f.receivedDate)),
    byMonth: countBy(facts, (f) => monthOf(f.receivedDate)),
    byMunicipality: countBy(facts, (f) => f.municipalityCode ?? 'unknown'),
    byOfficeHours: countBy(facts, (f) => (f.officeHours ? 'office' : 'jour')),
    byWeekday: countBy(facts, (f) => String(f.receivedWeekday)),
    byHour: countBy(facts, (f) => String(f.receivedHour).padStart(2, '0')),
    durations: Object.fromEntries(
      durationMeasures.map((m) => {
        const [from, to] = durationPairs[m];
        const values = facts.map((f) => minutesBetween(f[from] as Date | null, f[to] as Date | null)).filter((d): d is number => d !== null);
        return [m, aggregateDurations(values)];
      }),
    ) as Record<DurationMeasure, DurationAggregate>,
    feedback: { onTime: onTime.length, settled: settled.length },
    clocks,
    targetGroup: { yes: known.filter((f) => f.inTargetGroup).length, known: known.length },
    forwarded: facts.filter((f) => f.forwardedAt !== null).length,
    returned: facts.filter((f) => f.returnedAt !== null).length,
  };
}
