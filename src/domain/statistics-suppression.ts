// Disclosure control for the pilot's statistics: what a published count may say, so that no
// child can be singled out — not from one table, and not by subtracting one published figure
// from another (a municipality's page from the county's, the county's total from the sum of its
// municipalities, one period from an overlapping one).
//
// The rule, in three parts:
// 1. Rounding. Every published count is rounded to the nearest multiple of 5 (5–7 → 5, 8–12 →
//    10, 13–17 → 15 …; with base 5 and whole counts there is never a tie), a count of 1–4 is
//    "<5", and 0 is 0 (an empty cell singles nobody out). Totals are counts like any other. So a
//    published number p stands for p−2..p+2 (5 for 5..7), and the difference of two published
//    figures is uncertain by at least ±4 cases. That is what makes differences between answers
//    harmless: whatever two answers are subtracted (overlapping periods, which the API allows
//    only as whole months, a municipality and the county, office and all hours), the result is a
//    range of at least the width of "<5" itself, never one value in 1–4. Why rounding rather than
//    only suppression: suppression protects one answer at a time, and with month ranges that
//    overlap, any cell of a suppressed month is the difference of two answers in which it is
//    not small — no choice of hidden cells within one answer can prevent that.
// 2. Secondary suppression within a table. Rounded cells and their rounded total still bound the
//    "<5" cells, and rarely pin them: all a table's cases in two cells of 4 (total 8 → "10": both
//    must be 4), or four single cases with a total "<5" (all must be 1). `suppressGroup` computes
//    each "<5" cell's possible values from the others and the total (`rangeOf` of what is
//    shown); while one is down to a single value, the smallest other non-zero shown cell is
//    hidden too (".."), and when none is left the whole table's non-zero cells are "..".
// 3. Shares are computed from the published (rounded) counts, and shown only when the numerator
//    is not "<5", the denominator at least 5, and the rest (denominator − numerator) not 1–4.
// Durations (median, 90th percentile, max) are shown only from 5 cases; their n is a count.
// The tests in statistics-suppression.test.ts check, by enumerating every table the published
// figures allow, that no "<5" cell is determined: within a table, for the three leaks exact counts
// had. Known limits (kept there as failing todo tests): two overlapping periods in rare tables
// (months 1, 1, 5: the quarter's hidden months and the third month alone pin the first two),
// three or more answers together (July–August 10, July "<5", August "<5": both 4), and the
// county's tables together with every municipality's page, can in rare tables still pin a "<5".
// Closing those needs suppression over the county × municipality table as a whole, or
// controlled rounding or noise across answers; the guarantee here is one answer, and every difference of two rounded answers is uncertain by ±4.

export const SUPPRESSION_THRESHOLD = 5;
export const ROUNDING_BASE = 5;

export interface Cell {
  /** The published (rounded) count; null when hidden. */
  value: number | null;
  /** What to show: the rounded number, "<5" (a count of 1–4) or ".." (hidden so the "<5" cannot be derived). */
  display: string;
}

export interface Share {
  numerator: Cell;
  denominator: Cell;
  /** 0..1 from the published counts, null when hidden. */
  share: number | null;
}

const shown = (value: number): Cell => ({ value, display: String(value) });
const primary = (): Cell => ({ value: null, display: '<5' });
const secondary = (): Cell => ({ value: null, display: '..' });
export const isSmall = (n: number) => n > 0 && n < SUPPRESSION_THRESHOLD;

/** Nearest multiple of 5 (no ties for whole counts). */
export const roundCount = (n: number): number => Math.round(n / ROUNDING_BASE) * ROUNDING_BASE;

/** One count as published: 0, "<5", or rounded to 5. */
export function countCell(n: number): Cell {
  if (n === 0) return shown(0);
  return isSmall(n) ? primary() : shown(roundCount(n));
}

/** The true counts a published cell allows, as anyone reading the rule can work them out. */
export function rangeOf(cell: Cell): { lo: number; hi: number } {
  if (cell.display === '<5') return { lo: 1, hi: SUPPRESSION_THRESHOLD - 1 };
  if (cell.value === null) return { lo: SUPPRESSION_THRESHOLD, hi: Number.POSITIVE_INFINITY }; // "..": a hidden count of 5 or more
  if (cell.value === 0) return { lo: 0, hi: 0 };
  const half = Math.floor(ROUNDING_BASE / 2);
  return { lo: Math.max(SUPPRESSION_THRESHOLD, cell.value - half), hi: cell.value + half };
}

/**
 * The possible values of cell i, given what is shown of the others and of their total
 * (a sum of independent whole-number ranges: every value between the bounds is reachable).
 */
export function possibleValues(cells: readonly Cell[], total: Cell, i: number): { lo: number; hi: number } {
  const t = rangeOf(total);
  let othersLo = 0;
  let othersHi = 0;
  for (const [j, c] of cells.entries()) {
    if (j === i) continue;
    const r = rangeOf(c);
    othersLo += r.lo;
    othersHi += r.hi;
  }
  const own = rangeOf(cells[i]!);
  return { lo: Math.max(own.lo, t.lo - othersHi), hi: Math.min(own.hi, t.hi - othersLo) };
}

/**
 * A group of counts whose total is published beside them: rounded, 1–4 "<5", and secondary
 * suppression while any "<5" cell could hold only one value. The total is published as a count
 * (it is the report's total, shown anyway).
 */
export function suppressGroup(counts: readonly number[], total: number): { cells: Cell[]; total: Cell } {
  const cells = counts.map(countCell);
  const totalCell = countCell(total);
  const pinned = () => cells.some((c, i) => c.display === '<5' && possibleValues(cells, totalCell, i).lo === possibleValues(cells, totalCell, i).hi);
  while (pinned()) {
    let pick = -1;
    for (const [i, n] of counts.entries()) {
      if (cells[i]!.value === null || n === 0) continue;
      if (pick === -1 || n < counts[pick]!) pick = i;
    }
    if (pick === -1) {
      // Nothing left to hide beside the "<5" cells: the table says nothing but its zeros.
      for (const [i, n] of counts.entries()) if (n > 0) cells[i] = secondary();
      break;
    }
    cells[pick] = secondary();
  }
  return { cells, total: totalCell };
}

/** A share from the published counts; hidden when the numerator or the rest is 1–4 or the denominator under 5. */
export function share(numerator: number, denominator: number): Share {
  const num = countCell(numerator);
  const den = countCell(denominator);
  const visible = num.value !== null && den.value !== null && denominator >= SUPPRESSION_THRESHOLD && !isSmall(denominator - numerator);
  return { numerator: num, denominator: den, share: visible ? Math.min(1, num.value! / den.value!) : null };
}
