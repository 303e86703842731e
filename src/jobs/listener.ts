// LISTEN on a dedicated connection: a NOTIFY only nudges the engine (polling is the safety net),
// and live events from other instances reach this instance's SSE hub. The connection reconnects
// with backoff; while it is down, polling alone keeps every deadline firing.
import pg from 'pg';
import type { Db } from '../db/types.ts';
import { EVENTS_CHANNEL, JOBS_CHANNEL } from './wake.ts';

export interface ListenerHandlers {
  /** A NOTIFY on the jobs channel; its payload is the wake reason (wake.ts), absent after a reconnect. */
  onJobs(reason?: string): void;
  onEvent(payload: string): void;
  onError?(error: Error): void;
  /** The connection is lost (or could not be made): NOTIFYs sent meanwhile are not heard. */
  onLost?(): void;
  /** Listening again after a loss: whatever was notified meanwhile was missed. */
  onRestored?(): void;
}

export interface Listener {
  start(): Promise<void>;
  stop(): Promise<void>;
}

const dispatch = (h: ListenerHandlers, channel: string, payload: string | undefined) => {
  if (channel === JOBS_CHANNEL) h.onJobs(payload);
  else if (channel === EVENTS_CHANNEL && payload) h.onEvent(payload);
};

export function postgresListener(url: string, handlers: ListenerHandlers): Listener {
  let client: pg.Client | null = null;
  let stopped = false;
  let delay = 250;
  let timer: NodeJS.Timeout | null = null;
  let lost = false;
  const lose = () => {
    if (!lost) handlers.onLost?.();
    lost = true;
  };

  const scheduleReconnect = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    delay = Math.min(delay * 2, 10_000);
  };

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: url, application_name: 'envagin-listener' });
    c.on('notification', (m) => dispatch(handlers, m.channel, m.payload));
    c.on('error', (error) => {
      handlers.onError?.(error);
      void c.end().catch(() => {});
      if (client === c) client = null;
      if (!stopped) lose();
      scheduleReconnect();
    });
    try {
      await c.connect();
      await c.query(`listen ${JOBS_CHANNEL}`);
      await c.query(`listen ${EVENTS_CHANNEL}`);
      if (stopped) return void (await c.end());
      client = c;
      delay = 250;
      if (lost) {
        lost = false;
        handlers.onRestored?.();
      }
      // Anything notified while we were disconnected was missed: look now.
      handlers.onJobs();
    } catch (error) {
      handlers.onError?.(error as Error);
      await c.end().catch(() => {});
      if (!stopped) lose();
      scheduleReconnect();
    }
  }

  return {
    start: connect,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}

interface PgliteLike {
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

/** PGlite is one in-process connection: its own listen() hears NOTIFY from our own commits. */
export function pgliteListener(db: Db, handlers: ListenerHandlers): Listener | null {
  const client = (db as unknown as { $client?: Partial<PgliteLike> }).$client;
  if (typeof client?.listen !== 'function') return null;
  const pglite = client as PgliteLike;
  const unsubscribe: (() => Promise<void>)[] = [];
  return {
    async start() {
      unsubscribe.push(await pglite.listen(JOBS_CHANNEL, (p) => handlers.onJobs(p)));
      unsubscribe.push(await pglite.listen(EVENTS_CHANNEL, (p) => dispatch(handlers, EVENTS_CHANNEL, p)));
    },
    async stop() {
      for (const u of unsubscribe.splice(0)) await u().catch(() => {});
    },
  };
}
