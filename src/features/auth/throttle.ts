// Login throttling, as pure rules (issue 22, item 10). Failures are counted per (username as
// typed, client address), never per account alone: a stranger typing a hub worker's name at the
// login page slows only their own next attempts, not the worker's at their own workstation. The
// first FREE_FAILURES failures cost nothing (people mistype); after that each failure makes the
// next attempt wait twice as long as the one before, up to MAX_DELAY_SECONDS. A success ends the
// run. Unknown usernames are counted exactly like known ones, so the answers tell nothing about
// which accounts exist.
export const FREE_FAILURES = 3;
export const FIRST_DELAY_SECONDS = 5;
export const MAX_DELAY_SECONDS = 15 * 60;

/** Seconds the next attempt must wait after the `failures`-th failure in a row. */
export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES - 1));
}
