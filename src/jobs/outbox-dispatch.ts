// Outbox delivery (GoAlert's "send after commit"). E-mail and webhook rows are claimed with
// SKIP LOCKED and marked 'sending' under a short lease, the claim commits, the provider is called
// outside any transaction, and the result is recorded with a `locked_by` guard. SSE rows have no
// provider to wait for: they are marked sent and broadcast to every instance in one transaction
// (pg_notify is delivered on commit), so a live event is neither lost nor shown twice.
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/query-rows.ts';
import type { Db } from '../db/types.ts';
import { retryOnConflict, withTransaction } from '../db/transaction.ts';
import type { NotificationPayload, Recipient } from './notify.ts';
import { EVENTS_CHANNEL } from './wake.ts';

export const LEASE_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;
/** pg_advisory_xact_lock key of live-event publication (any fixed number no other lock uses). */
const LIVE_PUBLISH_LOCK = 7_401_001;

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

/**
 * Marks due SSE rows sent, numbers them in publication order (outbox.live_seq), logs the attempt
 * and broadcasts each row to every instance, in one transaction (the NOTIFYs go out at its
 * commit). One publisher at a time, county-wide: under the lock, numbering order is commit order,
 * so Last-Event-ID n means "everything up to n" to whichever instance a stream reconnects to.
 * The caller delivers the returned events to its own clients.
 */
export async function publishLiveEvents(db: Db, now: Date, limit: number, instance: string): Promise<LiveEvent[]> {
  const at = now.toISOString();
  // Each event is its own NOTIFY, under the 8000-byte limit: payloads are a number, a topic, a short text and a link.
  const rows = await withTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LIVE_PUBLISH_LOCK})`);
    return queryRows<{ seq: string | number; recipient: Recipient; payload: NotificationPayload }>(
      tx,
      sql`with due as (
            select id from outbox
             where channel = 'sse' and status in ('pending', 'failed') and next_attempt_at <= ${at}::timestamptz
             order by next_attempt_at, id limit ${limit} for update skip locked),
          numbered as (
            select id, nextval('outbox_live_seq') as seq from (select id from due order by id) d),
          sent as (
            update outbox o set status = 'sent', sent_at = ${at}::timestamptz, attempts = o.attempts + 1, live_seq = n.seq
              from numbered n where o.id = n.id
            returning o.id, o.live_seq, o.recipient, o.payload),
          logged as (
            insert into outbox_attempts (outbox_id, at, status, detail) select id, ${at}::timestamptz, 'sent', 'live' from sent)
          select live_seq as seq, recipient, payload,
                 pg_notify(${EVENTS_CHANNEL}, json_build_object('id', live_seq, 'from', ${instance}::text, 'recipient', recipient, 'payload', payload)::text)
            from sent order by live_seq`,
    );
  });
  return rows.map((r) => ({ id: Number(r.seq), from: instance, recipient: r.recipient, payload: r.payload }));
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

export interface Outcome {
  row: OutboxRow;
  result: SendResult;
}

type AttemptStatus = 'sent' | 'failed' | 'dead';

interface Settlement {
  id: number;
  status: AttemptStatus;
  next: string;
  error: string | null;
  detail: string | null;
}

function settlement({ row, result }: Outcome, now: Date, retryBaseMs: number): Settlement {
  const dead = !result.ok && (result.permanent || row.attempts >= row.maxAttempts);
  const status = result.ok ? 'sent' : dead ? 'dead' : 'failed';
  const retryAt = new Date(now.getTime() + retryDelayMs(row.attempts, retryBaseMs));
  const detail = (result.detail ?? '').slice(0, 500);
  return { id: row.id, status, next: (status === 'failed' ? retryAt : now).toISOString(), error: result.ok ? null : detail, detail: detail || null };
}

/** A JS array as ONE bind parameter: drizzle would otherwise expand it into a `(a, b, …)` list. */
const array = <T>(values: readonly T[]) => sql.param(values);

/**
 * Records many sends' outcomes in one statement, each guarded by our lease: a row the sweeper (or
 * another instance) took back is neither overwritten nor given an attempt row. Returns the ids
 * actually settled. One statement, so no BEGIN/COMMIT of its own; retried on a deadlock, since a
 * batch can meet the sweeper's batch on the same rows in another order.
 */
export async function settleAll(db: Db, outcomes: readonly Outcome[], now: Date, instance: string, retryBaseMs: number): Promise<number[]> {
  if (outcomes.length === 0) return [];
  const at = now.toISOString();
  const s = outcomes.map((o) => settlement(o, now, retryBaseMs));
  const rows = await retryOnConflict(() =>
    queryRows<{ outbox_id: string | number }>(
      db,
      sql`with settled as (
            update outbox o set status = v.status, next_attempt_at = v.next, sending_until = null, locked_by = null,
                   sent_at = case when v.status = 'sent' then ${at}::timestamptz else o.sent_at end,
                   last_error = v.error
              from unnest(${array(s.map((x) => x.id))}::bigint[], ${array(s.map((x) => x.status))}::text[],
                          ${array(s.map((x) => x.next))}::timestamptz[], ${array(s.map((x) => x.error))}::text[],
                          ${array(s.map((x) => x.detail))}::text[]) as v(id, status, next, error, detail)
             where o.id = v.id and o.status = 'sending' and o.locked_by = ${instance}
            returning o.id, v.status, v.detail)
          insert into outbox_attempts (outbox_id, at, status, detail)
          select id, ${at}::timestamptz, status, detail from settled
          returning outbox_id`,
    ),
  );
  return rows.map((r) => Number(r.outbox_id));
}

/**
 * Returns rows whose lease ran out (the sending instance died or hung) to 'failed', due now.
 * The attempt counted at claim stands, so a message that kills its sender cannot loop forever.
 */
export async function sweepExpiredLeases(db: Db, now: Date): Promise<number> {
  const at = now.toISOString();
  const rows = await retryOnConflict(() =>
    queryRows<{ outbox_id: string | number }>(
      db,
      sql`with swept as (
            update outbox set status = case when attempts >= max_attempts then 'dead' else 'failed' end,
                   next_attempt_at = ${at}::timestamptz, sending_until = null, locked_by = null, last_error = 'lease expired'
             where status = 'sending' and sending_until < ${at}::timestamptz
            returning id, status)
          insert into outbox_attempts (outbox_id, at, status, detail)
          select id, ${at}::timestamptz, status, 'lease expired' from swept
          returning outbox_id`,
    ),
  );
  return rows.length;
}

/** On shutdown: hands our unfinished claims back at once instead of waiting for the lease. */
export async function releaseLeases(db: Db, instance: string, now: Date): Promise<void> {
  await db.execute(
    sql`update outbox set status = 'failed', next_attempt_at = ${now.toISOString()}::timestamptz, sending_until = null, locked_by = null, attempts = greatest(attempts - 1, 0)
         where status = 'sending' and locked_by = ${instance}`,
  );
}
