// The pilot's measures (DESIGN.md rule 11), from the de-identified case facts
// (src/domain/case-facts.ts). Pure: fact rows in, a report of tables out, every small number
// already suppressed, so no caller can forget it.
//
// Suppression (rounding to 5, "<5", secondary suppression within each table, shares from the
// rounded counts) is src/domain/statistics-suppression.ts, where the rule and why it holds
// across answers are explained.
//
// The figures come in as aggregates (src/domain/statistics-measures.ts defines them; the feature
// computes them in SQL), so this file is only suppression and presentation.
import { aggregateDurations, durationMeasures, isoWeekOf, quarterOf, type DurationAggregate, type DurationMeasure, type StatAggregates } from './statistics-measures.ts';
import { addDays } from './stockholm-time.ts';
import { countCell, share, suppressGroup, SUPPRESSION_THRESHOLD, type Cell, type Share } from './statistics-suppression.ts';

export { durationMeasures, type DurationMeasure } from './statistics-measures.ts';
export { countCell, share, suppressGroup, SUPPRESSION_THRESHOLD, type Cell, type Share } from './statistics-suppression.ts';

export interface Row {
  key: string;
  count: Cell;
}

export interface Table {
  total: Cell;
  rows: Row[];
}

export interface DurationSummary {
  /** Cases measured (itself a count, suppressed like any other). */
  n: Cell;
  /** Minutes; null when fewer than 5 cases. */
  median: number | null;
  p90: number | null;
  max: number | null;
}

export interface ClockRates {
  clock: string;
  breachedCases: Cell;
  breachRate: number | null;
  escalatedCases: Cell;
  escalationRate: number | null;
}

export interface StatisticsReport {
  total: Cell;
  byWeek: Table;
  byMonth: Table;
  byQuarter: Table;
  byMunicipality: Table;
  byOfficeHours: Table;
  byWeekday: Table;
  byHour: Table;
  durations: Record<DurationMeasure, DurationSummary>;
  feedbackWithin14Days: Share;
  clocks: ClockRates[];
  inTargetGroup: Share;
  forwarded: Share;
  returned: Share;
}

export interface Period {
  /** First and last month, inclusive: 'YYYY-MM'. */
  from: string;
  to: string;
}

function table(entries: readonly [string, number][], total: number): Table {
  const { cells, total: t } = suppressGroup(
    entries.map(([, n]) => n),
    total,
  );
  return { total: t, rows: entries.map(([key], i) => ({ key, count: cells[i]! })) };
}

/** The months of a period, in order. */
export function monthsOf(period: Period): string[] {
  const out: string[] = [];
  let [y, m] = period.from.split('-').map(Number) as [number, number];
  const [ty, tm] = period.to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** First and last day of a period, inclusive. */
export function periodDates(period: Period): { first: string; last: string } {
  const [ty, tm] = period.to.split('-').map(Number) as [number, number];
  const next = tm === 12 ? `${ty + 1}-01-01` : `${ty}-${String(tm + 1).padStart(2, '0')}-01`;
  return { first: `${period.from}-01`, last: addDays(next, -1) };
}

function weeksOf(period: Period): string[] {
  const { first, last } = periodDates(period);
  const weeks: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 7)) weeks.push(isoWeekOf(d));
  const lastWeek = isoWeekOf(last);
  if (weeks.at(-1) !== lastWeek) weeks.push(lastWeek);
  return [...new Set(weeks)];
}

const countsOf = (counts: Readonly<Record<string, number>>, keys: readonly string[]): [string, number][] => {
  const entries = new Map<string, number>(keys.map((k) => [k, counts[k] ?? 0]));
  for (const [k, n] of Object.entries(counts)) if (!entries.has(k)) entries.set(k, n);
  return [...entries];
};

/** A duration shown only from 5 cases; its n is a count like any other. */
export function presentDuration(d: DurationAggregate): DurationSummary {
  if (d.n < SUPPRESSION_THRESHOLD) return { n: countCell(d.n), median: null, p90: null, max: null };
  return { n: countCell(d.n), median: d.median, p90: d.p90, max: d.max };
}

export const summarizeDurations = (values: readonly number[]): DurationSummary => presentDuration(aggregateDurations(values));

/** The clocks every report lists, whether or not any breached; others appear when they did. */
export const reportedClocks = ['claim', 'triage', 'acknowledge', 'report_to_kvittens', 'skyddsbedomning', 'forhandsbedomning', 'feedback', 'closure'] as const;

export interface ReportOptions {
  period: Period;
  /** Municipalities to list even with no case (e.g. the county's 26). */
  municipalities?: readonly string[];
}

/** The report of one scope's aggregates over the period asked for. */
export function buildReport(agg: StatAggregates, opts: ReportOptions): StatisticsReport {
  const total = agg.total;
  const months = monthsOf(opts.period);

  // Months are checked within their quarter as well as against the period's total.
  const byMonthEntries = countsOf(agg.byMonth, months);
  const byMonth = table(byMonthEntries, total);
  const quarters = new Map<string, number>(months.map((m) => [quarterOf(`${m}-01`), 0]));
  for (const [m, n] of byMonthEntries) quarters.set(quarterOf(`${m}-01`), (quarters.get(quarterOf(`${m}-01`)) ?? 0) + n);
  const byQuarterEntries = [...quarters];
  const byQuarter = table(byQuarterEntries, total);
  for (const [q, n] of byQuarterEntries) {
    const inQuarter = byMonthEntries.flatMap(([m], i) => (quarterOf(`${m}-01`) === q ? [i] : []));
    const { cells } = suppressGroup(
      inQuarter.map((i) => byMonthEntries[i]![1]),
      n,
    );
    for (const [j, i] of inQuarter.entries()) {
      if (cells[j]!.value === null && byMonth.rows[i]!.count.value !== null) byMonth.rows[i]!.count = cells[j]!;
    }
  }

  const durations = Object.fromEntries(durationMeasures.map((m) => [m, presentDuration(agg.durations[m])])) as Record<DurationMeasure, DurationSummary>;

  const extraClocks = Object.keys(agg.clocks)
    .filter((c) => !(reportedClocks as readonly string[]).includes(c))
    .sort();
  const clocks = [...reportedClocks, ...extraClocks].map((clock) => {
    const b = share(agg.clocks[clock]?.breached ?? 0, total);
    const e = share(agg.clocks[clock]?.escalated ?? 0, total);
    return { clock, breachedCases: b.numerator, breachRate: b.share, escalatedCases: e.numerator, escalationRate: e.share };
  });

  return {
    total: countCell(total),
    byWeek: table(countsOf(agg.byWeek, weeksOf(opts.period)), total),
    byMonth,
    byQuarter,
    byMunicipality: table(
      countsOf(agg.byMunicipality, [...(opts.municipalities ?? [])]).sort(([a], [b]) => a.localeCompare(b)),
      total,
    ),
    byOfficeHours: table(countsOf(agg.byOfficeHours, ['office', 'jour']), total),
    byWeekday: table(countsOf(agg.byWeekday, ['1', '2', '3', '4', '5', '6', '7']), total),
    byHour: table(countsOf(agg.byHour, Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))), total),
    durations,
    feedbackWithin14Days: share(agg.feedback.onTime, agg.feedback.settled),
    clocks,
    inTargetGroup: share(agg.targetGroup.yes, agg.targetGroup.known),
    forwarded: share(agg.forwarded, total),
    returned: share(agg.returned, total),
  };
}
