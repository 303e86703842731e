// Nudges every engine instance. pg_notify inside the caller's transaction is delivered only on
// commit (graphile's add_job), so the engine never wakes to look for a row it cannot yet see.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/types.ts';

export const JOBS_CHANNEL = 'envagin_jobs';
/** Live events for SSE clients on other instances (see outbox-dispatch.ts). */
export const EVENTS_CHANNEL = 'envagin_events';

export type WakeReason = 'deadline' | 'outbox';

export async function wakeEngine(tx: DbOrTx, reason: WakeReason): Promise<void> {
  await tx.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${reason})`);
}
