// The suppression rule against an attacker who knows it: from the published figures (each a
// range of true counts, `rangeOf`) and the sums that tie them together (a table and its total,
// a county and its municipalities, a period and the periods inside it), every table of true
// counts that fits is enumerated; a count that is 1–4 must still have at least two possible
// values. One test per leak the old rule (exact counts) had, each with the old rule as a control
// that does leak; property tests over random tables and periods.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { countCell, isSmall, rangeOf, suppressGroup, type Cell } from './statistics-suppression.ts';


/** A constraint: the sum of some unknowns lies in [lo, hi]. */
interface Sum {
  vars: number[];
  lo: number;
  hi: number;
}

/** What a published cell says; ".." in a group with a "<5" left is a secondary cell (5 or more), otherwise any non-zero count. */
function says(cell: Cell, group: readonly Cell[]): { lo: number; hi: number } {
  if (cell.display !== '..') return rangeOf(cell);
  return group.some((c) => c.display === '<5') ? { lo: 5, hi: Number.POSITIVE_INFINITY } : { lo: 1, hi: Number.POSITIVE_INFINITY };
}

/**
 * The values each unknown can take in some assignment that satisfies all sums (none exceeds the
 * largest finite bound): for each unknown and each value in its own range, a search for one
 * assignment that fits (only for the unknowns in `only`, when given).
 */
function feasible(n: number, sums: readonly Sum[], only?: ReadonlySet<number>): Set<number>[] {
  const cap = Math.max(...sums.map((s) => (Number.isFinite(s.hi) ? s.hi : 0)));
  const lo = Array<number>(n).fill(0);
  const hi = Array<number>(n).fill(cap);
  for (const s of sums) {
    if (s.vars.length === 1) {
      lo[s.vars[0]!] = Math.max(lo[s.vars[0]!]!, s.lo);
      hi[s.vars[0]!] = Math.min(hi[s.vars[0]!]!, s.hi);
    }
  }
  const x = Array<number>(n).fill(0);
  const fits = (k: number, pinned: number, pinnedValue: number) =>
    sums.every((s) => {
      let min = 0;
      let max = 0;
      for (const v of s.vars) {
        const [l, h] = v === pinned ? [pinnedValue, pinnedValue] : v < k ? [x[v]!, x[v]!] : [lo[v]!, hi[v]!];
        min += l;
        max += h;
      }
      return max >= s.lo && min <= s.hi;
    });
  const search = (k: number, pinned: number, value: number): boolean => {
    if (!fits(k, pinned, value)) return false;
    if (k === n) return true;
    if (k === pinned) {
      x[k] = value;
      return search(k + 1, pinned, value);
    }
    for (let v = lo[k]!; v <= hi[k]!; v++) {
      x[k] = v;
      if (search(k + 1, pinned, value)) return true;
    }
    return false;
  };
  return Array.from({ length: n }, (_, i) => {
    const values = new Set<number>();
    if (only && !only.has(i)) return values;
    for (let v = lo[i]!; v <= hi[i]!; v++) if (search(0, i, v)) values.add(v);
    return values;
  });
}

const exact = (n: number) => ({ lo: n, hi: n });
const sum = (vars: number[], r: { lo: number; hi: number }): Sum => ({ vars, ...r });

describe('the leaks of exact counts, closed', () => {
  test('a municipality hidden in the county table, shown on its own page', () => {
    // Nacka 7, Solna 3: the county table hid Nacka beside Solna's "<5", Nacka's page showed 7.
    const county = suppressGroup([7, 3], 10);
    const nackaPage = countCell(7);
    const solnaPage = countCell(3);
    const published = (total: { lo: number; hi: number }, nacka: { lo: number; hi: number }) => [
      sum([0, 1], total),
      sum([0], nacka),
      sum([1], rangeOf(solnaPage)),
      ...county.cells.map((c, i) => sum([i], says(c, county.cells))),
    ];
    assert.deepEqual([...feasible(2, published(exact(10), exact(7)))[1]!], [3], 'control: exact counts give Solna away');
    assert.ok(feasible(2, published(rangeOf(county.total), rangeOf(nackaPage)))[1]!.size > 1);
  });

  test('the county total minus the sum of the municipalities', () => {
    const counts = [7, 6, 2];
    const pages = counts.map(countCell);
    const control = feasible(3, [sum([0, 1, 2], exact(15)), sum([0], exact(7)), sum([1], exact(6)), sum([2], rangeOf(pages[2]!))]);
    assert.deepEqual([...control[2]!], [2], 'control: exact counts give the third away');
    const now = feasible(3, [sum([0, 1, 2], rangeOf(countCell(15))), ...pages.map((c, i) => sum([i], rangeOf(c)))]);
    assert.ok(now[2]!.size > 1, `the third could be ${[...now[2]!]}`);
  });

  test('overlapping month ranges subtracted: July–September minus July–August', () => {
    // July 6, August 4, September 2.
    const julSep = countCell(12);
    const julAug = countCell(10);
    const sep = countCell(2);
    const control = feasible(3, [sum([0, 1, 2], exact(12)), sum([0, 1], exact(10)), sum([2], rangeOf(sep))]);
    assert.deepEqual([...control[2]!], [2], 'control: exact counts give September away');
    const now = feasible(3, [sum([0, 1, 2], rangeOf(julSep)), sum([0, 1], rangeOf(julAug)), sum([2], rangeOf(sep))]);
    assert.ok(now[2]!.size > 1);
  });
});

describe('no "<5" can be pinned', () => {
  test('within a table: its cells and its total', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(14), { minLength: 1, maxLength: 5 }), (counts) => {
        const total = counts.reduce((a, b) => a + b, 0);
        const g = suppressGroup(counts, total);
        const seen = feasible(counts.length, [sum(counts.map((_, i) => i), rangeOf(g.total)), ...g.cells.map((c, i) => sum([i], says(c, g.cells)))]);
        for (const [i, n] of counts.entries()) if (isSmall(n)) assert.ok(seen[i]!.size > 1, `cell ${i} of ${counts} is pinned to ${[...seen[i]!]}`);
      }),
      { numRuns: 300 },
    );
  });

  test('across a county and its municipalities (every page, the county tables and totals)', { todo: 'known limit: see the next test' }, () => {
    // rows: municipalities; columns: e.g. office and jour time.
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(7), { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 3 }), (matrix) => {
        const rows = matrix.length;
        const cols = 2;
        const at = (r: number, c: number) => r * cols + c;
        const rowSums = matrix.map((row) => row.reduce((a, b) => a + b, 0));
        const colSums = [0, 1].map((c) => matrix.reduce((a, row) => a + row[c]!, 0));
        const grand = rowSums.reduce((a, b) => a + b, 0);
        const sums: Sum[] = [];
        for (const [r, row] of matrix.entries()) {
          const page = suppressGroup(row, rowSums[r]!); // the municipality's own table and total
          sums.push(sum([at(r, 0), at(r, 1)], rangeOf(page.total)));
          page.cells.forEach((cell, c) => sums.push(sum([at(r, c)], says(cell, page.cells))));
        }
        const byMunicipality = suppressGroup(rowSums, grand);
        byMunicipality.cells.forEach((cell, r) => sums.push(sum([at(r, 0), at(r, 1)], says(cell, byMunicipality.cells))));
        const byColumn = suppressGroup(colSums, grand);
        byColumn.cells.forEach((cell, c) => sums.push(sum(matrix.map((_, r) => at(r, c)), says(cell, byColumn.cells))));
        sums.push(sum(Array.from({ length: rows * cols }, (_, i) => i), rangeOf(countCell(grand))));
        const small = new Set(matrix.flatMap((row, r) => row.flatMap((n, c) => (isSmall(n) ? [at(r, c)] : []))));
        const seen = feasible(rows * cols, sums, small);
        for (const [r, row] of matrix.entries()) {
          for (const [c, n] of row.entries()) if (isSmall(n)) assert.ok(seen[at(r, c)]!.size > 1, `${JSON.stringify(matrix)}: [${r}][${c}] pinned to ${[...seen[at(r, c)]!]}`);
        }
      }),
      { numRuns: 60, endOnFailure: true }, // no shrinking: it fails (todo), and shrinking it takes minutes
    );
  });

  test('across two overlapping periods (whole months), each with its month table and total', { todo: 'rare tables leak: see the known limit below (README, statistics)' }, () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(12), { minLength: 3, maxLength: 3 }),
        fc.constantFrom<[number, number][]>([[0, 2], [0, 1]], [[0, 2], [1, 2]], [[0, 1], [1, 2]], [[0, 2], [1, 1]], [[0, 1], [0, 0]], [[0, 2], [2, 2]]),
        (months, ranges) => {
          const sums: Sum[] = [];
          for (const [from, to] of ranges) {
            const vars = months.flatMap((_, i) => (i >= from && i <= to ? [i] : []));
            const g = suppressGroup(
              vars.map((i) => months[i]!),
              vars.reduce((a, i) => a + months[i]!, 0),
            );
            sums.push(sum(vars, rangeOf(g.total)));
            g.cells.forEach((cell, j) => sums.push(sum([vars[j]!], says(cell, g.cells))));
          }
          const seen = feasible(3, sums);
          const covered = new Set(ranges.flatMap(([from, to]) => months.flatMap((_, i) => (i >= from && i <= to ? [i] : []))));
          for (const [i, n] of months.entries()) if (covered.has(i) && isSmall(n)) assert.ok(seen[i]!.size > 1, `${months} ${JSON.stringify(ranges)}: month ${i} pinned`);
        },
      ),
      { numRuns: 300, endOnFailure: true }, // as above: a todo that fails; shrinking only costs minutes
    );
  });

  test('known limit: a county and its municipalities together can pin a "<5"', { todo: 'needs suppression over the county × municipality table as a whole (README, statistics)' }, () => {
    // Found by the property above. Office/jour: A 0/7, B 4/7. B's page: "<5", 5, total 10; A's:
    // 0, 5, total 5; the county: office "<5", jour 15, total 20 (18–22). Both 7s must be 6–7 (the
    // jour column is 13–17), and 18 − 7 − 7 leaves B's office at 4.
    const sums = [sum([0], exact(0)), sum([1], rangeOf(countCell(7))), sum([2], rangeOf(countCell(4))), sum([3], rangeOf(countCell(7)))];
    sums.push(sum([0, 1], rangeOf(countCell(7))), sum([2, 3], rangeOf(countCell(11))), sum([0, 2], rangeOf(countCell(4))), sum([1, 3], rangeOf(countCell(14))), sum([0, 1, 2, 3], rangeOf(countCell(18))));
    assert.ok(feasible(4, sums, new Set([2]))[2]!.size > 1);
  });

  test('known limit: two overlapping periods can pin a "<5" in rare tables', { todo: 'needs suppression that knows the other periods an analyst may ask for, or noise (README, statistics)' }, () => {
    // Found by the property above (CI, 2026-12-07). Months 1, 1, 5. The quarter: total 7 reads 5
    // (5–7), its cells "<5" and "<5" pin each other, so all are hidden (each known non-zero: zeros
    // read 0). The third month alone reads 5 (5–7). Then the first two sum to at most 2, each at
    // least 1: both are 1.
    const seen = feasible(3, [sum([0, 1, 2], rangeOf(countCell(7))), sum([0], { lo: 1, hi: 7 }), sum([1], { lo: 1, hi: 7 }), sum([2], { lo: 1, hi: 7 }), sum([2], rangeOf(countCell(5)))]);
    assert.ok(seen[0]!.size > 1);
  });

  test('known limit: three answers can pin what two cannot', { todo: 'needs controlled rounding or noise across answers (README, statistics)' }, () => {
    // July 4, August 4: July–August reads 10 (8–12), July alone "<5", August alone "<5": both 4.
    const seen = feasible(2, [sum([0, 1], rangeOf(countCell(8))), sum([0], rangeOf(countCell(4))), sum([1], rangeOf(countCell(4)))]);
    assert.ok(seen[0]!.size > 1);
  });
});
