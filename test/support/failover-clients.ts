// Clients that behave as the real ones do when an instance or the database goes away: a police
// filer that retries a report with the same Idempotency-Key until it is answered, and a hub
// screen's live stream (Server-Sent Events) that reconnects with Last-Event-ID, as EventSource
// does. Both record everything they saw, for the failover tests to judge.
import { request, type ClientRequest } from 'node:http';
import { testPersonnummer, validReport } from '../../src/test/reports.ts';

export interface Session {
  cookie: string;
  csrf: string;
}

export async function logIn(url: string, username: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'envagin-demo' }) });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** One answer a client got that was not the final one (or a failure to get any). */
export interface Failure {
  at: number;
  /** HTTP status, or 'network' (refused, reset) or 'timeout'. */
  status: number | 'network' | 'timeout';
  contentType?: string;
  code?: string;
  ms: number;
}

export interface Filed {
  key: string;
  number: string;
  attempts: number;
}

/** Statuses after which the same request is sent again: the balancer's or the server's "not now". */
const RETRY = new Set([502, 503, 504]);

export interface Filer {
  /** Files report i under its own key, retrying until it is answered; throws on any other answer. */
  file(i: number): Promise<Filed>;
  failures: Failure[];
  /** Gives up: a report still being retried fails (a test that failed must not leave it retrying). */
  stop(): void;
}

export function filer(url: string, session: Session, keyPrefix: string, attemptTimeoutMs = 15_000): Filer {
  const failures: Failure[] = [];
  let stopped = false;
  return {
    failures,
    stop: () => void (stopped = true),
    async file(i) {
      const key = `${keyPrefix}-${i}`;
      const body = JSON.stringify(validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(i) } }));
      for (let attempt = 1; ; attempt++) {
        if (stopped) throw new Error(`report ${key}: given up`);
        const started = performance.now();
        let res: Response;
        try {
          res = await fetch(`${url}/api/v1/cases`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf, 'idempotency-key': key },
            body,
            signal: AbortSignal.timeout(attemptTimeoutMs),
          });
        } catch (error) {
          const status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
          failures.push({ at: Date.now(), status, ms: performance.now() - started });
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        if (res.status === 201 || res.status === 200) {
          const { number } = (await res.json()) as { number: string };
          return { key, number, attempts: attempt };
        }
        const text = await res.text();
        const contentType = res.headers.get('content-type') ?? undefined;
        let code: string | undefined;
        try {
          code = (JSON.parse(text) as { code?: string }).code;
        } catch {
          // Not JSON (the balancer's own page): judged by the test through contentType.
        }
        failures.push({ at: Date.now(), status: res.status, contentType, code, ms: performance.now() - started });
        if (!RETRY.has(res.status)) throw new Error(`report ${key}: HTTP ${res.status} ${contentType}: ${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

export interface LiveEvent {
  id: number;
  topic: string;
  caseNumber?: string;
  /** Index into connections: the connection it came on. */
  connection: number;
}

export interface LiveStream {
  events: LiveEvent[];
  /** Each connection made: the instance that served it (the balancer's X-Envagin-Instance) and the Last-Event-ID sent. */
  connections: { instance: string | undefined; lastEventId: number | null; at: number }[];
  /** Attempts to reconnect that were refused (the instance or database not back yet). */
  refused: number;
  lastId(): number | null;
  close(): void;
}

/**
 * Follows /api/v1/events as EventSource does: on the end of the stream or an error it waits the
 * server's `retry:` time and reconnects with the last id seen as Last-Event-ID.
 */
export async function followEvents(url: string, session: Session): Promise<LiveStream> {
  let retryMs = 3000;
  let closed = false;
  let current: ClientRequest | null = null;
  let lastId: number | null = null;
  const stream: LiveStream = {
    events: [],
    connections: [],
    refused: 0,
    lastId: () => lastId,
    close() {
      closed = true;
      current?.destroy();
    },
  };

  const connect = () =>
    new Promise<void>((resolve) => {
      let settled = false;
      const again = () => {
        current = null;
        if (!settled) {
          settled = true;
          resolve();
        }
        if (!closed) setTimeout(() => void connect(), retryMs);
      };
      const headers: Record<string, string> = { accept: 'text/event-stream', cookie: session.cookie };
      if (lastId !== null) headers['last-event-id'] = String(lastId);
      const req = request(`${url}/api/v1/events`, { method: 'GET', agent: false, headers }, (res) => {
        if (res.statusCode !== 200) {
          stream.refused++;
          res.resume();
          res.on('end', again);
          return;
        }
        const connection = stream.connections.length;
        stream.connections.push({ instance: res.headers['x-envagin-instance'] as string | undefined, lastEventId: lastId, at: Date.now() });
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const retry = /^retry: (\d+)$/m.exec(frame)?.[1];
            if (retry) retryMs = Number(retry);
            const id = /^id: (\d+)$/m.exec(frame)?.[1];
            const topic = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (id && topic) {
              lastId = Number(id);
              stream.events.push({ id: lastId, topic, caseNumber: data ? (JSON.parse(data) as { caseNumber?: string }).caseNumber : undefined, connection });
            }
          }
          if (!settled) {
            settled = true;
            resolve();
          }
        });
        res.on('end', again);
        res.on('error', () => {});
        res.on('close', () => current === req && again());
      });
      req.on('error', () => {
        if (current === req) again();
      });
      req.end();
      current = req;
    });
  await connect();
  return stream;
}
