// Nudges the engine when new work is committed. Deadlines due later than the next poll need no
// nudge at all (the poll finds them in time). Otherwise, when this process runs an engine, the
// nudge is an in-process call after commit; only a process without an engine sends a NOTIFY.
// NOTIFY is delivered only on commit (graphile's add_job), but PostgreSQL serialises committing
// transactions that sent one behind a single queue lock held through the WAL flush: on the hot
// path of filing reports that would queue every report behind the previous one's fsync.
import { sql } from 'drizzle-orm';
import { onAfterCommit } from '../db/transaction.ts';
import { now } from './clock-source.ts';
import type { DbOrTx } from '../db/types.ts';

export const JOBS_CHANNEL = 'envagin_jobs';
/** Live events for SSE clients on other instances (see outbox-dispatch.ts). */
export const EVENTS_CHANNEL = 'envagin_events';

export type WakeReason = 'deadline' | 'outbox';

interface Wakeable {
  wake(reason: WakeReason): void;
  /** How soon the engine looks again anyway. */
  readonly pollMs: number;
}

let localEngine: Wakeable | null = null;

/** The engine running in this process registers itself while it runs. */
export function setLocalEngine(engine: Wakeable | null): void {
  localEngine = engine;
}

export async function wakeEngine(tx: DbOrTx, reason: WakeReason, dueAt?: Date): Promise<void> {
  const engine = localEngine;
  if (reason === 'deadline' && dueAt && engine && dueAt.getTime() - now().getTime() > engine.pollMs) return;
  if (engine) {
    if (!onAfterCommit(tx, () => engine.wake(reason))) engine.wake(reason);
    return;
  }
  await tx.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${reason})`);
}
