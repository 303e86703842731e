// How busy the whole machine was between two points (all cores, all processes, this benchmark
// included), from /proc/stat; null where there is no /proc (not Linux). Printed with results so
// a reader can tell a quiet run from one that shared the machine with other work.
import { readdirSync, readFileSync } from 'node:fs';

function read(): { total: number; idle: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), idle: fields[3]! + fields[4]! };
  } catch {
    return null;
  }
}

/** Starts a measurement; the returned function gives the busy percentage since then. */
export function machineBusy(): () => number | null {
  const a = read();
  return () => {
    const b = read();
    if (!a || !b || b.total === a.total) return null;
    return 100 * (1 - (b.idle - a.idle) / (b.total - a.total));
  };
}

export const busyText = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v)} %`);

/**
 * Waits (at most maxWaitMs) until the whole machine has been under `percent` busy for three
 * consecutive 2-s samples, so the timed part of a long benchmark does not start in the middle of
 * other work on a shared machine. Returns whether it got quiet.
 */
export async function waitForQuiet(percent = 15, maxWaitMs = 600_000): Promise<boolean> {
  const until = Date.now() + maxWaitMs;
  let quiet = 0;
  while (Date.now() < until) {
    const busy = machineBusy();
    await new Promise((r) => setTimeout(r, 2000));
    const b = busy();
    if (b === null) return false;
    quiet = b < percent ? quiet + 1 : 0;
    if (quiet >= 3) return true;
  }
  return false;
}

/**
 * CPU seconds (user + system) used so far by the processes whose command line matches, from
 * /proc/<pid>/stat; 0 where there is no /proc. Processes that exit between two readings drop
 * out of the sum, so measure long-lived ones (a server, PostgreSQL's backends of one pool).
 */
export function processCpuSeconds(matches: (commandLine: string) => boolean): number {
  let ticks = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      if (!matches(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}
