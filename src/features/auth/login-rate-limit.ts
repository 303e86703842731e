// Password and one-time-code guessing share one budget per client address and minute. It is
// counted in the database, in one statement per attempt, so every instance behind a load
// balancer spends the same budget; account lockout bounds guesses per account on top of it.
// The address is stored only as a keyed hash (an IP address is personal data); gallring removes
// the rows of finished windows.
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { withAuthTransaction } from '../../db/actor-transaction.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { Db } from '../../db/types.ts';

/** The budget's window: LOGIN_RATE_LIMIT_PER_MINUTE attempts per address in it. */
export const LOGIN_RATE_WINDOW_MS = 60_000;

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number;
}

export interface LoginRateOptions {
  /** Keys the address's hash (config.loginRateKey). */
  key: Buffer;
  address: string;
  limit: number;
  windowMs: number;
  now: Date;
}

/** Counts one attempt from the address and says whether it is within the budget. */
export async function hitLoginRate(db: Db, o: LoginRateOptions): Promise<RateDecision> {
  const keyHash = createHmac('sha256', o.key).update(o.address).digest('hex');
  const now = o.now.toISOString();
  const expired = new Date(o.now.getTime() - o.windowMs).toISOString();
  // A window that has run out starts again at this attempt.
  // As envagin_auth, like the rest of log-in: a one-time-code attempt comes from a signed-in
  // reader, whose request runs no query as the engine (issue 22).
  const [row] = await withAuthTransaction(db, (tx) => queryRows<{ attempts: number; window_start: Date | string }>(
    tx,
    sql`insert into login_rate_windows as w (key_hash, window_start, attempts) values (${keyHash}, ${now}::timestamptz, 1)
        on conflict (key_hash) do update set
          window_start = case when w.window_start <= ${expired}::timestamptz then excluded.window_start else w.window_start end,
          attempts = case when w.window_start <= ${expired}::timestamptz then 1 else w.attempts + 1 end
        returning attempts, window_start`,
  ));
  const resetAt = new Date(row!.window_start).getTime() + o.windowMs;
  return { allowed: row!.attempts <= o.limit, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - o.now.getTime()) / 1000)) };
}

/** Removes the rows of windows that have run out; returns how many. */
export async function purgeLoginRateWindows(db: Db, now: Date, windowMs: number): Promise<number> {
  const rows = await queryRows<{ key_hash: string }>(
    db,
    sql`delete from login_rate_windows where window_start <= ${new Date(now.getTime() - windowMs).toISOString()}::timestamptz returning key_hash`,
  );
  return rows.length;
}
