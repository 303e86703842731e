// The pilot's measures (DESIGN.md rule 11), from the de-identified case facts
// (src/domain/case-facts.ts). Pure: fact rows in, a report of tables out, every small number
// already suppressed, so no caller can forget it.
//
// Suppression, so that no child can be singled out:
// - a count of 1–4 is shown as "<5" (primary suppression); 0 is shown (it singles nobody out);
// - complementary (secondary) suppression in every table whose total is shown: when a group
//   has exactly one primary-suppressed cell, or its suppressed cells could only hold one set of
//   values (all 1 or all 4), the smallest other non-zero cell is hidden too ("..", not "<5": it
//   may well be larger), so no hidden cell follows from the total minus the visible ones. When
//   no such cell exists the group's total is hidden instead. Months are also checked within
//   their quarter, since the quarter table shows their sum;
// - a share is shown only when its numerator, its denominator and their difference are all
//   shown (none 1–4) and the denominator is at least 5;
// - a duration (median, 90th percentile, max) only from at least 5 cases.
//
// Definitions (the hand-computed fixtures in statistics.test.ts follow them exactly): durations
// are whole minutes between two milestone instants (never negative: such a pair is left out);
// the median of an even number of values is the mean of the two middle ones; the 90th percentile
// is the nearest-rank value (the ⌈0.9·n⌉-th smallest); weeks are ISO weeks of the Stockholm
// receipt date; feedback is within 14 days when given by the end of the Stockholm day 14 days
// after the receipt date (the förhandsbedömning's own deadline rule), counted over the cases
// acknowledged by a municipality or kept by Stockholm whose 14 days have passed or that got it.
import { endOfStockholmDay } from './deadlines.ts';
import { addDays, isoWeekdayOf } from './stockholm-time.ts';

export const SUPPRESSION_THRESHOLD = 5;

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

export interface Cell {
  /** null when hidden. */
  value: number | null;
  /** What to show: the number, "<5" (a count of 1–4) or ".." (hidden so the "<5" cannot be derived). */
  display: string;
}

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

export interface Share {
  numerator: Cell;
  denominator: Cell;
  /** 0..1, null when hidden. */
  share: number | null;
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

const shown = (value: number): Cell => ({ value, display: String(value) });
const primary = (): Cell => ({ value: null, display: '<5' });
const secondary = (): Cell => ({ value: null, display: '..' });
const isSmall = (n: number) => n > 0 && n < SUPPRESSION_THRESHOLD;

/** One count on its own (no total beside it): 1–4 → "<5". */
export function countCell(n: number): Cell {
  return isSmall(n) ? primary() : shown(n);
}

/**
 * Suppresses a group of counts whose total is shown beside them. Returns the cells and the
 * total's cell (hidden only when nothing else protects the group).
 */
export function suppressGroup(counts: readonly number[], total: number): { cells: Cell[]; total: Cell } {
  const cells = counts.map(countCell);
  const hidden = new Set(counts.flatMap((n, i) => (isSmall(n) ? [i] : [])));
  let totalCell = countCell(total);
  if (totalCell.value === null) return { cells: counts.map((n) => (n === 0 ? shown(0) : primary())), total: totalCell };
  const determined = () => {
    if (hidden.size === 0) return false;
    const values = [...hidden].map((i) => counts[i]!);
    const onlyPrimary = values.every(isSmall);
    if (hidden.size === 1) return true;
    const sum = values.reduce((a, b) => a + b, 0);
    // k cells each known to be 1–4 whose sum is k or 4k: every one of them follows.
    return onlyPrimary && (sum === hidden.size || sum === 4 * hidden.size);
  };
  while (determined()) {
    let pick = -1;
    for (const [i, n] of counts.entries()) {
      if (hidden.has(i) || n === 0) continue;
      if (pick === -1 || n < counts[pick]!) pick = i;
    }
    if (pick === -1) {
      totalCell = secondary();
      break;
    }
    hidden.add(pick);
    cells[pick] = secondary();
  }
  return { cells, total: totalCell };
}

function table(entries: readonly [string, number][], total: number): Table {
  const { cells, total: t } = suppressGroup(
    entries.map(([, n]) => n),
    total,
  );
  return { total: t, rows: entries.map(([key], i) => ({ key, count: cells[i]! })) };
}

/** ISO week of a date, 'YYYY-Www' (the week-numbering year may differ from the calendar year). */
export function isoWeekOf(date: string): string {
  const weekday = isoWeekdayOf(date);
  const thursday = addDays(date, 4 - weekday);
  const year = Number(thursday.slice(0, 4));
  const jan1 = `${year}-01-01`;
  const dayOfYear = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${jan1}T00:00:00Z`)) / 86_400_000);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

export const monthOf = (date: string) => date.slice(0, 7);
export const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

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

function countBy(facts: readonly StatFact[], keyOf: (f: StatFact) => string, keys: readonly string[]): [string, number][] {
  const counts = new Map<string, number>(keys.map((k) => [k, 0]));
  for (const f of facts) {
    const k = keyOf(f);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts];
}

const minutes = (from: Date | null, to: Date | null): number | null => {
  if (!from || !to) return null;
  const d = Math.round((to.getTime() - from.getTime()) / 60_000);
  return d >= 0 ? d : null;
};

const durationOf: Record<DurationMeasure, (f: StatFact) => number | null> = {
  report_to_claim: (f) => minutes(f.receivedAt, f.claimedAt),
  claim_to_decision: (f) => minutes(f.claimedAt, f.decidedAt),
  decision_to_kvittens: (f) => minutes(f.decidedAt, f.acknowledgedAt),
  report_to_kvittens: (f) => minutes(f.receivedAt, f.acknowledgedAt),
  kvittens_to_skyddsbedomning: (f) => minutes(f.acknowledgedAt, f.skyddsbedomningAt),
  report_to_forhandsbedomning: (f) => minutes(f.receivedAt, f.forhandsbedomningAt),
};

export function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest rank: the ⌈p·n⌉-th smallest value. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export function summarizeDurations(values: readonly number[]): DurationSummary {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length < SUPPRESSION_THRESHOLD) return { n: countCell(sorted.length), median: null, p90: null, max: null };
  return { n: shown(sorted.length), median: median(sorted), p90: percentile(sorted, 0.9), max: sorted.at(-1)! };
}

export function share(numerator: number, denominator: number): Share {
  const num = countCell(numerator);
  const den = countCell(denominator);
  // The rest (denominator − numerator) follows from a shown share: it must not be 1–4 either.
  const visible = num.value !== null && den.value !== null && denominator >= SUPPRESSION_THRESHOLD && !isSmall(denominator - numerator);
  return { numerator: num, denominator: den, share: visible ? numerator / denominator : null };
}

/** The clocks every report lists, whether or not any breached; others appear when they did. */
export const reportedClocks = ['claim', 'triage', 'acknowledge', 'report_to_kvittens', 'skyddsbedomning', 'forhandsbedomning', 'feedback', 'closure'] as const;

export interface ReportOptions {
  period: Period;
  /** Municipalities to list even with no case (e.g. the county's 26). */
  municipalities?: readonly string[];
  /** "Now": feedback within 14 days counts only cases whose 14 days have passed, or that got it. */
  asOf: Date;
}

/** The report over facts already filtered to the period and population asked for. */
export function buildReport(facts: readonly StatFact[], opts: ReportOptions): StatisticsReport {
  const total = facts.length;
  const months = monthsOf(opts.period);

  // Months are checked within their quarter as well as against the period's total.
  const byMonthEntries = countBy(facts, (f) => monthOf(f.receivedDate), months);
  const byMonth = table(byMonthEntries, total);
  const byQuarterEntries = countBy(facts, (f) => quarterOf(f.receivedDate), [...new Set(months.map((m) => quarterOf(`${m}-01`)))]);
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

  const durations = Object.fromEntries(
    durationMeasures.map((m) => [m, summarizeDurations(facts.map(durationOf[m]).filter((d): d is number => d !== null))]),
  ) as Record<DurationMeasure, DurationSummary>;

  // Feedback is due from the municipality that took the case (or Stockholm for its own).
  const owed = facts.filter((f) => f.acknowledgedAt !== null || f.handling === 'own');
  const deadline = (f: StatFact) => endOfStockholmDay(addDays(f.receivedDate, 14));
  const settled = owed.filter((f) => f.feedbackAt !== null || deadline(f) < opts.asOf);
  const onTime = settled.filter((f) => f.feedbackAt !== null && f.feedbackAt <= deadline(f));

  const clockNames = [...new Set([...reportedClocks, ...facts.flatMap((f) => Object.keys(f.clocks))])];
  const clocks = clockNames.map((clock) => {
    const breached = facts.filter((f) => (f.clocks[clock]?.breaches ?? 0) > 0).length;
    const escalated = facts.filter((f) => (f.clocks[clock]?.escalations ?? 0) > 0).length;
    const b = share(breached, total);
    const e = share(escalated, total);
    return { clock, breachedCases: b.numerator, breachRate: b.share, escalatedCases: e.numerator, escalationRate: e.share };
  });

  const known = facts.filter((f) => f.inTargetGroup !== null);
  return {
    total: countCell(total),
    byWeek: table(countBy(facts, (f) => isoWeekOf(f.receivedDate), weeksOf(opts.period)), total),
    byMonth,
    byQuarter,
    byMunicipality: table(
      countBy(facts, (f) => f.municipalityCode ?? 'unknown', [...(opts.municipalities ?? [])]).sort(([a], [b]) => a.localeCompare(b)),
      total,
    ),
    byOfficeHours: table(countBy(facts, (f) => (f.officeHours ? 'office' : 'jour'), ['office', 'jour']), total),
    byWeekday: table(countBy(facts, (f) => String(f.receivedWeekday), ['1', '2', '3', '4', '5', '6', '7']), total),
    byHour: table(countBy(facts, (f) => String(f.receivedHour).padStart(2, '0'), Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))), total),
    durations,
    feedbackWithin14Days: share(onTime.length, settled.length),
    clocks,
    inTargetGroup: share(known.filter((f) => f.inTargetGroup).length, known.length),
    forwarded: share(facts.filter((f) => f.forwardedAt !== null).length, total),
    returned: share(facts.filter((f) => f.returnedAt !== null).length, total),
  };
}
