// Outbox delivery (GoAlert's "send after commit"). E-mail and webhook rows are claimed with
// SKIP LOCKED and marked 'sending' under a short lease, the claim commits, the provider is called
// outside any transaction, and the result is recorded with a `locked_by` guard. SSE rows have no
// provider to wait for: they are marked sent and broadcast to every instance in one transaction
// (pg_notify is delivered on commit), so a live event is neither lost nor shown twice.
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/query-rows.ts';
import type { Db } from '../db/types.ts';
import { withTransaction } from '../db/transaction.ts';
import type { NotificationPayload, Recipient } from './notify.ts';
import { EVENTS_CHANNEL } from './wake.ts';

export const LEASE_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;

export interface OutboxRow {
  id: number;
  topic: string;
  channel: 'sse' | 'email' | 'webhook';
  recipient: Recipient;
  payload: NotificationPayload;
  attempts: number;
  maxAttempts: number;
}

interface RawRow {
  id: string | number;
  topic: string;
  channel: OutboxRow['channel'];
  recipient: Recipient;
  payload: NotificationPayload;
  attempts: number;
  max_attempts: number;
}

const toRow = (r: RawRow): OutboxRow => ({ id: Number(r.id), topic: r.topic, channel: r.channel, recipient: r.recipient, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts });

/** What other instances receive on EVENTS_CHANNEL. */
export interface LiveEvent {
  id: number;
  from: string;
  recipient: Recipient;
  payload: NotificationPayload;
}

/** Exponential backoff after the n-th failed attempt: base, 2·base, 4·base … capped at an hour. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** Marks due SSE rows sent and broadcasts them; the caller delivers them to its own clients after commit. */
export async function publishLiveEvents(db: Db, now: Date, limit: number, instance: string): Promise<LiveEvent[]> {
  return withTransaction(db, async (tx) => {
    const at = now.toISOString();
    const rows = await queryRows<RawRow>(
      tx,
      sql`with due as (
            select id from outbox
             where channel = 'sse' and status in ('pending', 'failed') and next_attempt_at <= ${at}::timestamptz
             order by next_attempt_at, id limit ${limit} for update skip locked)
          update outbox o set status = 'sent', sent_at = ${at}::timestamptz, attempts = o.attempts + 1
            from due where o.id = due.id
          returning o.id, o.topic, o.channel, o.recipient, o.payload, o.attempts, o.max_attempts`,
    );
    if (rows.length === 0) return [];
    const events = rows.map((r) => ({ id: Number(r.id), from: instance, recipient: r.recipient, payload: r.payload }));
    const ids = sql.join(events.map((e) => sql`(${e.id}::bigint)`), sql`, `);
    await tx.execute(sql`insert into outbox_attempts (outbox_id, at, status, detail) select v.id, ${at}::timestamptz, 'sent', 'live' from (values ${ids}) as v(id)`);
    // One statement for the whole batch; each event is its own NOTIFY (under the 8000-byte limit).
    const payloads = JSON.stringify(events.map((e) => JSON.stringify(e)));
    await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, e) from jsonb_array_elements_text(${payloads}::jsonb) as e`);
    return events;
  });
}

/** Claims due e-mail and webhook rows under a lease, and commits the claim. */
export async function claimOutgoing(db: Db, now: Date, limit: number, instance: string): Promise<OutboxRow[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + LEASE_MS).toISOString();
  const rows = await queryRows<RawRow>(
    db,
    sql`with due as (
          select id from outbox
           where channel in ('email', 'webhook') and status in ('pending', 'failed') and next_attempt_at <= ${at}::timestamptz
           order by next_attempt_at, id limit ${limit} for update skip locked)
        update outbox o set status = 'sending', sending_until = ${until}::timestamptz, locked_by = ${instance}, attempts = o.attempts + 1
          from due where o.id = due.id
        returning o.id, o.topic, o.channel, o.recipient, o.payload, o.attempts, o.max_attempts`,
  );
  return rows.map(toRow);
}

export type SendResult = { ok: true; detail?: string } | { ok: false; detail: string; permanent?: boolean };

/** Records a send's outcome, guarded by our lease: a row the sweeper took back is not overwritten. */
export async function settle(db: Db, row: OutboxRow, result: SendResult, now: Date, instance: string, retryBaseMs: number): Promise<void> {
  const at = now.toISOString();
  const dead = !result.ok && (result.permanent || row.attempts >= row.maxAttempts);
  const status = result.ok ? 'sent' : dead ? 'dead' : 'failed';
  const next = result.ok || dead ? at : new Date(now.getTime() + retryDelayMs(row.attempts, retryBaseMs)).toISOString();
  const detail = (result.detail ?? '').slice(0, 500);
  await withTransaction(db, async (tx) => {
    const updated = await queryRows<{ id: string }>(
      tx,
      sql`update outbox set status = ${status}, next_attempt_at = ${next}::timestamptz, sending_until = null, locked_by = null,
                 sent_at = case when ${status} = 'sent' then ${at}::timestamptz else sent_at end,
                 last_error = ${result.ok ? null : detail}
           where id = ${row.id} and status = 'sending' and locked_by = ${instance}
           returning id`,
    );
    if (updated.length > 0) await tx.execute(sql`insert into outbox_attempts (outbox_id, at, status, detail) values (${row.id}, ${at}::timestamptz, ${status}, ${detail || null})`);
  });
}

/**
 * Returns rows whose lease ran out (the sending instance died or hung) to 'failed', due now.
 * The attempt counted at claim stands, so a message that kills its sender cannot loop forever.
 */
export async function sweepExpiredLeases(db: Db, now: Date): Promise<number> {
  const at = now.toISOString();
  return withTransaction(db, async (tx) => {
    const rows = await queryRows<{ id: string; dead: boolean }>(
      tx,
      sql`update outbox set status = case when attempts >= max_attempts then 'dead' else 'failed' end,
                 next_attempt_at = ${at}::timestamptz, sending_until = null, locked_by = null, last_error = 'lease expired'
           where status = 'sending' and sending_until < ${at}::timestamptz
           returning id, status = 'dead' as dead`,
    );
    for (const r of rows) {
      await tx.execute(sql`insert into outbox_attempts (outbox_id, at, status, detail) values (${r.id}, ${at}::timestamptz, ${r.dead ? 'dead' : 'failed'}, 'lease expired')`);
    }
    return rows.length;
  });
}

/** On shutdown: hands our unfinished claims back at once instead of waiting for the lease. */
export async function releaseLeases(db: Db, instance: string, now: Date): Promise<void> {
  await db.execute(
    sql`update outbox set status = 'failed', next_attempt_at = ${now.toISOString()}::timestamptz, sending_until = null, locked_by = null, attempts = greatest(attempts - 1, 0)
         where status = 'sending' and locked_by = ${instance}`,
  );
}
