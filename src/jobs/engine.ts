// The engine inside every server instance (DESIGN.md section 3, "Durable work"). Each cycle:
// free expired outbox leases, fire due deadlines in batches, publish live events, send e-mail and
// webhooks. A cycle runs when LISTEN/NOTIFY nudges it or the poll interval passes. All of it is
// safe to run on several instances at once (SKIP LOCKED, leases, one transaction per batch) and
// to kill at any point.
import { randomBytes } from 'node:crypto';
import type { Registry } from 'prom-client';
import type { Database } from '../db/client.ts';
import type { DirectorySnapshot } from '../domain/directory-types.ts';
import { processDueDeadlines } from './claim-deadlines.ts';
import { passDueHandovers } from './office-handovers.ts';
import { systemClock, withClock, type Clock } from './clock-source.ts';
import { EmailSender, type EmailSettings } from './email.ts';
import { pgliteListener, postgresListener, type Listener } from './listener.ts';
import { setLocalEngine, type WakeReason } from './wake.ts';
import { engineMetrics } from './metrics.ts';
import { LEASE_MS, claimOutgoing, publishLiveEvents, releaseLeases, settleAll, sweepExpiredLeases, type LiveEvent, type Outcome, type OutboxRow, type SendResult } from './outbox-dispatch.ts';
import type { SecretKeyring } from '../secrets/sealed-secrets.ts';
import type { SseHub } from './sse.ts';
import { WebhookSender } from './webhook.ts';
import type { WebhookTargetRule } from './webhook-target.ts';

export interface EngineLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface EngineOptions {
  database: Database;
  /** For the LISTEN connection; null on PGlite. */
  databaseUrl: string | null;
  directory: () => Promise<DirectorySnapshot>;
  hub: SseHub;
  metrics: Registry;
  email: EmailSettings;
  /** Opens the webhooks' sealed signing secrets. */
  secrets: SecretKeyring;
  /** Where webhooks may post (webhook-target.ts); unset: unchecked, as in demo mode. */
  webhookTargets?: WebhookTargetRule;
  pollMs: number;
  clock?: Clock;
  batchSize?: number;
  /** First retry delay of a failed delivery; doubles each attempt. */
  retryBaseMs?: number;
  /** How long one send may take before it counts as failed (default: half the outbox lease). */
  sendLimitMs?: number;
  instanceId?: string;
  log?: EngineLog;
  /** The audit log's person key (config.auditPersonKey), for the disclosure register's child reference. */
  personKey: string;
}

export interface CycleResult {
  deadlines: number;
  /** Jour → office handovers passed (or rescheduled) this cycle. */
  handovers: number;
  live: number;
  sent: number;
  swept: number;
}

/** Bounds one cycle so a huge backlog cannot starve shutdown or the other phases. */
const MAX_BATCHES_PER_CYCLE = 50;
/** A send gets this long before it counts as failed: well inside the outbox lease. */
const SEND_LIMIT_MS = LEASE_MS / 2;
/**
 * Delivery-only cycles start at most this often (a live event waits at most this much longer,
 * which nobody watching a queue can tell). Each cycle costs three statements whether it delivers
 * one row or fifty: at 25 ms, eight clients filing made forty cycles a second, and at 100 ms the
 * same clients filed more reports a second with less PostgreSQL CPU each (docs/BENCHMARKS.md).
 */
const DELIVERY_SPACING_MS = 100;
/** Parallel deadline batches per cycle (each holds a pool connection while it runs). */
const DEADLINE_WORKERS = 4;

export class Engine {
  readonly instanceId: string;
  private readonly clock: Clock;
  private readonly emailSender: EmailSender;
  private readonly webhookSender: WebhookSender;
  private listener: Listener | null = null;
  private stopping = false;
  private loopDone: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private nudged = false;
  /** A nudge that needs the deadline phase too (anything but new outbox rows). */
  private nudgedFull = false;
  private cycle: Promise<CycleResult> | null = null;
  /**
   * Whether this instance hears the others' live events (its LISTEN connection is up). While it
   * does not, its own are not delivered locally either: its clients' last event id then marks
   * where they stopped hearing everyone, and when the connection is back their streams are ended
   * so that they reconnect and are replayed everything after it (events-route.ts).
   */
  private hearing = true;

  constructor(private readonly o: EngineOptions) {
    this.instanceId = o.instanceId ?? `engine-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.clock = o.clock ?? systemClock;
    this.emailSender = new EmailSender(o.email, o.secrets);
    this.webhookSender = new WebhookSender(o.database.db, o.email.publicUrl, o.secrets, o.webhookTargets);
  }

  private get batchSize(): number {
    return this.o.batchSize ?? 200;
  }

  /**
   * One cycle at `now` (tests drive the engine with this and a manual clock). Cycles never
   * overlap. An 'outbox' cycle only delivers: new outbox rows are all a filed report or a
   * transition leaves behind, and skipping the lease sweep and the deadline batches keeps a busy
   * hour of filing from paying for them after every commit. The poll always runs them.
   */
  async runOnce(now: Date = this.clock.now(), scope: 'full' | 'outbox' = 'full'): Promise<CycleResult> {
    while (this.cycle) await this.cycle.catch(() => {});
    // Audit rows and other timestamps written deep inside the cycle read the engine's clock
    // (the moment they are written, as bench/deadlines.ts measures the lag by them).
    this.cycle = withClock(this.clock, () => this.runCycle(now, scope));
    try {
      return await this.cycle;
    } finally {
      this.cycle = null;
    }
  }

  private async runCycle(now: Date, scope: 'full' | 'outbox'): Promise<CycleResult> {
    const { db } = this.o.database;
    const result: CycleResult = { deadlines: 0, handovers: 0, live: 0, sent: 0, swept: 0 };
    if (scope === 'full') await this.runDeadlinePhase(db, now, result);
    for (let i = 0; i < MAX_BATCHES_PER_CYCLE; i++) {
      const events = await publishLiveEvents(db, now, this.batchSize, this.instanceId);
      if (this.hearing) this.o.hub.deliver(events);
      result.live += events.length;
      if (events.length < this.batchSize) break;
    }
    for (let i = 0; i < MAX_BATCHES_PER_CYCLE && !this.stopping; i++) {
      const rows = await claimOutgoing(db, now, this.batchSize, this.instanceId);
      await this.deliver(rows, now);
      result.sent += rows.length;
      if (rows.length < this.batchSize) break;
    }
    return result;
  }

  private async runDeadlinePhase(db: Database['db'], now: Date, result: CycleResult): Promise<void> {
    result.swept = await sweepExpiredLeases(db, now);
    // The directory as it stands at the start of the phase, read once for all its batches rather
    // than once per batch: a change committed meanwhile is seen by the next cycle, a poll later.
    let snapshot: Promise<DirectorySnapshot> | null = null;
    const directory = () => (snapshot ??= this.o.directory());
    // Before the deadlines: a case passed to the office now has its office clock in this cycle.
    for (let i = 0; i < MAX_BATCHES_PER_CYCLE && !this.stopping; i++) {
      const passed = await passDueHandovers(db, directory, now, this.batchSize, this.instanceId, this.o.personKey);
      result.handovers += passed;
      if (passed < this.batchSize) break;
    }
    const metrics = engineMetrics(this.o.metrics);
    let batches = 0;
    /** One batch transaction; whether it came back full (more may be due). */
    const batch = async (): Promise<boolean> => {
      batches++;
      const b = await processDueDeadlines(db, directory, now, this.batchSize, this.instanceId);
      result.deadlines += b.processed;
      for (const x of b.breaches) metrics.breaches.inc({ clock: x.clock, municipality: x.municipality });
      for (const f of b.failed) metrics.escalationFailures.inc({ clock: f.clock });
      if (b.failed.length > 0) this.o.log?.error({ deadlines: b.failed.length }, 'escalation failed; the deadline is tried again in a minute (audited as deadline.escalation_failed)');
      return b.processed >= this.batchSize;
    };
    // Most cycles find a few deadlines or none: one batch takes them all. Only when it comes back
    // full do a few batch transactions run in parallel (SKIP LOCKED gives each its own rows, and
    // only the audit-chain step at the end of each is serialised). Starting all of them at once
    // cost every cycle three empty transactions (a directory read, begin, select, commit each).
    if (this.stopping || !(await batch())) return;
    const worker = async () => {
      while (batches < MAX_BATCHES_PER_CYCLE && !this.stopping) {
        if (!(await batch())) break;
      }
    };
    await Promise.all(Array.from({ length: DEADLINE_WORKERS }, worker));
  }

  /**
   * Sends concurrently, outside any transaction, then records every outcome in one statement
   * instead of a transaction per row. The batch settles only when its slowest send returns,
   * which sendWithin keeps well inside LEASE_MS.
   */
  private async deliver(rows: OutboxRow[], now: Date): Promise<void> {
    const outcomes = await Promise.all(rows.map(async (row): Promise<Outcome> => ({ row, result: await this.sendWithin(row, this.o.sendLimitMs ?? SEND_LIMIT_MS) })));
    await settleAll(this.o.database.db, outcomes, now, this.instanceId, this.o.retryBaseMs ?? 10_000);
  }

  /**
   * A send that has not answered within `ms` counts as failed (retried later), so one slow
   * provider cannot hold its batch's outcomes past the lease and have another instance send the
   * whole batch again. The send itself may still complete: delivery is at least once, and
   * receivers dedupe on the delivery id.
   */
  private async sendWithin(row: OutboxRow, ms: number): Promise<SendResult> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<SendResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, detail: `inget svar inom ${ms / 1000} s` }), ms);
    });
    try {
      return await Promise.race([this.send(row), limit]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async send(row: OutboxRow): Promise<SendResult> {
    try {
      return row.channel === 'email' ? await this.emailSender.send(row) : await this.webhookSender.send(row);
    } catch (error) {
      return { ok: false, detail: `fel: ${(error as Error).name}` };
    }
  }

  /** A nudge: run a cycle now rather than at the next poll. */
  wake(reason: WakeReason = 'deadline'): void {
    this.nudged = true;
    if (reason !== 'outbox') this.nudgedFull = true;
    this.wakeUp?.();
  }

  async start(): Promise<void> {
    const handlers = {
      // Another process's new outbox rows need only a delivery cycle; anything else a full one.
      onJobs: (reason?: string) => this.wake(reason === 'outbox' ? 'outbox' : 'deadline'),
      onEvent: (payload: string) => this.onRemoteEvent(payload),
      onError: (error: Error) => this.o.log?.warn({ err: { name: error.name } }, 'engine listener connection lost; reconnecting'),
      onLost: () => {
        this.hearing = false;
      },
      onRestored: () => {
        this.hearing = true;
        const streams = this.o.hub.endAll();
        this.o.log?.warn({ streams }, 'engine listener back: live streams ended to catch up on what they missed');
      },
    };
    this.listener = this.o.databaseUrl ? postgresListener(this.o.databaseUrl, handlers) : pgliteListener(this.o.database.db, handlers);
    await this.listener?.start();
    // Work committed by this process nudges this engine directly, without a NOTIFY (wake.ts).
    setLocalEngine(this);
    this.loopDone = this.loop();
  }

  get pollMs(): number {
    return this.o.pollMs;
  }

  private onRemoteEvent(payload: string): void {
    try {
      const event = JSON.parse(payload) as LiveEvent;
      // Our own events were delivered locally right after commit.
      if (event.from !== this.instanceId) this.o.hub.deliver([event]);
    } catch {
      this.o.log?.warn({}, 'engine: unreadable live event ignored');
    }
  }

  private async loop(): Promise<void> {
    let full = true;
    let lastFull = 0;
    let lastCycle: number;
    while (!this.stopping) {
      this.nudged = false;
      // Under a steady stream of nudges the poll never runs out: the deadline phase still runs
      // at least once per poll interval.
      const scope = full || this.nudgedFull || performance.now() - lastFull >= this.o.pollMs ? 'full' : 'outbox';
      lastCycle = performance.now();
      if (scope === 'full') lastFull = lastCycle;
      this.nudgedFull = false;
      try {
        await this.runOnce(this.clock.now(), scope);
      } catch (error) {
        // The database may be restarting: log without details (they can carry data) and poll again.
        this.o.log?.error({ err: { name: (error as Error).name, code: (error as { code?: string }).code } }, 'engine cycle failed');
      }
      if (this.stopping || this.nudged) {
        full = false;
        // Under a stream of commits, nudges arrive every few milliseconds: spacing delivery-only
        // cycles lets each deliver many rows with the same three statements instead of a few.
        const wait = lastCycle + DELIVERY_SPACING_MS - performance.now();
        if (!this.stopping && !this.nudgedFull && wait > 0) await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      // A poll that ran out is a full cycle; a nudge is full only if nudgedFull says so.
      full = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), this.o.pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      this.wakeUp = null;
    }
  }

  /** Stop claiming, let the cycle in flight finish its sends, hand back leases, close connections. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    setLocalEngine(null);
    this.wake();
    await this.loopDone;
    await this.cycle?.catch(() => {});
    await releaseLeases(this.o.database.db, this.instanceId, this.clock.now()).catch(() => {});
    await this.listener?.stop();
    this.emailSender.close();
  }
}
