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
 * CPU seconds (user + system) used so far by each process whose command line matches, from
 * /proc/<pid>/stat; empty where there is no /proc.
 */
export function processCpu(matches: (commandLine: string, pid: string) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      if (!matches(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), pid)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100); // USER_HZ is 100 on Linux
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/**
 * CPU seconds the matching processes used since `before` (a processCpu reading), counted per
 * process: one started since counts in full; one that has exited since is missing (its last
 * moments uncounted), never subtracted, so a pool closing idle connections cannot make the
 * figure negative.
 */
export function processCpuSince(before: Map<string, number>, matches: (commandLine: string, pid: string) => boolean): number {
  let seconds = 0;
  for (const [pid, now] of processCpu(matches)) seconds += Math.max(0, now - (before.get(pid) ?? 0));
  return seconds;
}
