// Login throttling in the database (rules in throttle.ts): one row per (username as typed,
// client address), both only as keyed hashes, so every instance behind a load balancer sees the
// same count. An attempt is counted before its password or code is checked (as if it failed), so
// a burst of parallel guesses cannot all slip through before the first failure is written; a
// success takes the count back.
import { withAuthTransaction } from '../../db/actor-transaction.ts';
import { createHmac } from 'node:crypto';
import { eq, lte } from 'drizzle-orm';
import { loginThrottles } from '../../db/schema.ts';
import type { Db, DbOrTx } from '../../db/types.ts';
import { delayAfter } from './throttle.ts';

export interface ThrottleKey {
  keyHash: string;
  /** The username alone: what a supervisor's unlock clears, at every address. */
  userHash: string;
}

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('hex');

/** The keyed hash of a username alone (lower case, as logins compare them). */
export function userThrottleHash(key: Buffer, username: string): string {
  return hmac(key, `login-throttle-user\0${username.toLowerCase()}`);
}

export function throttleKey(key: Buffer, username: string, address: string): ThrottleKey {
  return { keyHash: hmac(key, `login-throttle\0${username.toLowerCase()}\0${address}`), userHash: userThrottleHash(key, username) };
}

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one attempt for the key, or refuses it while the wait after the last failure runs. The
 * row is held for update while deciding, so concurrent attempts are counted one after another.
 */
export async function beginAttempt(db: Db, key: ThrottleKey, now: Date): Promise<AttemptDecision> {
  return withAuthTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(loginThrottles)
      .values({ keyHash: key.keyHash, userHash: key.userHash, failures: 0, lastAttemptAt: now, blockedUntil: new Date(0) })
      .onConflictDoUpdate({ target: loginThrottles.keyHash, set: { keyHash: key.keyHash } })
      .returning();
    if (row!.blockedUntil.getTime() > now.getTime()) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row!.blockedUntil.getTime() - now.getTime()) / 1000)) };
    }
    const failures = row!.failures + 1;
    const delay = delayAfter(failures);
    // A free attempt leaves the wait as it was: set to `now`, it would refuse a concurrent attempt
    // whose clock was read a moment earlier (two devices of one user logging in at once).
    await tx
      .update(loginThrottles)
      .set({ failures, lastAttemptAt: now, ...(delay > 0 && { blockedUntil: new Date(now.getTime() + delay * 1000) }) })
      .where(eq(loginThrottles.keyHash, key.keyHash));
    return { allowed: true };
  });
}

/** A completed login ends the run of failures for its key. */
export async function endRun(tx: DbOrTx, key: ThrottleKey): Promise<void> {
  await tx.delete(loginThrottles).where(eq(loginThrottles.keyHash, key.keyHash));
}

/**
 * A right password of a role that still needs its one-time code: the attempt is not a failure
 * and the code may be tried at once, but the run ends only with the code (otherwise someone
 * holding the password could reset the count between guesses at the code).
 */
export async function forgiveAttempt(tx: DbOrTx, key: ThrottleKey): Promise<void> {
  const [row] = await tx.select().from(loginThrottles).where(eq(loginThrottles.keyHash, key.keyHash));
  if (!row) return;
  await tx
    .update(loginThrottles)
    .set({ failures: Math.max(0, row.failures - 1), blockedUntil: new Date(0) })
    .where(eq(loginThrottles.keyHash, key.keyHash));
}

/** Clears every address's count for a username (a supervisor's unlock); returns how many. */
export async function clearThrottles(tx: DbOrTx, userHash: string): Promise<number> {
  const rows = await tx.delete(loginThrottles).where(eq(loginThrottles.userHash, userHash)).returning({ keyHash: loginThrottles.keyHash });
  return rows.length;
}

/** How long a row is kept after its last attempt: past the longest wait, the count is forgotten. */
export const THROTTLE_MEMORY_MS = 24 * 3_600_000;

/** Removes the rows idle for longer than THROTTLE_MEMORY_MS; returns how many. */
export async function purgeLoginThrottles(db: DbOrTx, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - THROTTLE_MEMORY_MS);
  const rows = await db.delete(loginThrottles).where(lte(loginThrottles.lastAttemptAt, cutoff)).returning({ keyHash: loginThrottles.keyHash });
  return rows.length;
}
