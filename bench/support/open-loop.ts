// An open-loop load generator. Requests are due at a fixed rate (100/s: one every 10 ms) whatever
// the server does, each is sent when it is due, and its latency is counted from the due time to
// the end of the answer. A closed loop (N clients, each waiting for its answer before sending the
// next) slows down with the server and so never sees the queue a slow answer builds; here a slow
// answer delays nothing, it only shows up in the latencies of the requests that queued behind it.
//
// It runs in a child process of its own (startLoadGenerator forks this file), so that sending
// and timing requests does not share an event loop with the benchmark's bookkeeping, and its
// timers are not late because something else in that process was busy. Requests go through
// node:http with a keep-alive agent that opens as many sockets as are in flight: a request is
// never held back waiting for a free connection.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { reportBodies } from './filing.ts';
import { latencyOf } from './load.ts';

/** Requests of one kind, due at a fixed rate. */
export interface Stream {
  /** Names the stream in results; also the Idempotency-Key prefix and the body counter, kept across rounds. */
  name: string;
  /** Requests per second. */
  rate: number;
  method: 'GET' | 'POST';
  /** http://host:port */
  origin: string;
  /** Paths, taken in turn. */
  paths: string[];
  /** Header sets, taken in turn (e.g. one per logged-in session). */
  headers: Record<string, string>[];
  /** 'reports': the filing benchmarks' 5,000 report bodies (filing.ts), taken in turn across rounds. */
  bodies?: 'reports';
  /** Sends `Idempotency-Key: <name>-<n>`, unique over the run. */
  idempotencyKeys?: boolean;
}

export interface StreamResult {
  name: string;
  offered: number;
  sent: number;
  /** Answers with a 2xx status. */
  ok: number;
  /** Non-2xx answers, network errors and timeouts. */
  errors: number;
  /**
   * From the first due time to the last answer, at least the round's length: `ok / seconds` is
   * the achieved rate. A server that falls behind answers its backlog after the last request was
   * due, which stretches this; one that keeps up is short of the offered rate only by the last
   * answer's latency over the round (50 ms in 10 s: 0.5 %). Never more than offered: a slow first
   * answer cannot make the round look shorter.
   */
  seconds: number;
  /** Every answered request's latency from its due time, in ms (errors included). */
  latencies: number[];
  /** How many answers of each status ("error" for no answer), to tell what the errors were. */
  statuses: Record<string, number>;
}

export interface RoundResult {
  streams: StreamResult[];
  /**
   * How late the generator sent requests after their due times, in ms (its timers have a
   * resolution of a millisecond, and fire late when the machine is busy): part of every latency.
   */
  sendLag: { p50: number; p99: number; max: number };
  /** CPU seconds the load generator itself used in the round. */
  generatorCpu: number;
}

export interface LoadGenerator {
  run(round: { seconds: number; streams: Stream[] }): Promise<RoundResult>;
  stop(): Promise<void>;
}

/** Forks the generator process; each run() is one round, the streams of a round running together. */
export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // The next message from the child, or an error if it dies first (instead of waiting forever).
  const exited = once(child, 'exit').then(() => Promise.reject(new Error('the load generator exited')));
  exited.catch(() => undefined);
  const reply = async () => ((await Promise.race([once(child, 'message'), exited])) as unknown[])[0];
  await reply();
  return {
    async run(round) {
      child.send(round);
      return (await reply()) as RoundResult;
    },
    async stop() {
      if (child.connected) child.disconnect();
      await exited.catch(() => undefined);
    },
  };
}

// --- The child process ---------------------------------------------------------------------------

// Sockets are opened as needed and kept; 10 s without an answer counts as an error.
const agent = new http.Agent({ keepAlive: true, maxSockets: 4096 });
const TIMEOUT_MS = 10_000;
let bodies: string[] | null = null;
/** Per stream name: how many requests it has sent in earlier rounds (bodies and keys go on from there). */
const counters = new Map<string, number>();

function send(origin: string, method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, origin);
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        agent,
        timeout: TIMEOUT_MS,
        headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

async function runRound(round: { seconds: number; streams: Stream[] }): Promise<RoundResult> {
  const cpu0 = process.cpuUsage();
  if (round.streams.some((s) => s.bodies === 'reports')) bodies ??= reportBodies();
  const answers: Promise<void>[] = [];
  const lags: number[] = [];
  const start = performance.now() + 5;
  const state = round.streams.map((s) => {
    const result: StreamResult = { name: s.name, offered: s.rate, sent: 0, ok: 0, errors: 0, seconds: round.seconds, latencies: [], statuses: {} };
    return { s, total: Math.round(s.rate * round.seconds), base: counters.get(s.name) ?? 0, result, lastAnswer: start };
  });

  function fire(st: (typeof state)[number], due: number): void {
    const { s, result } = st;
    lags.push(performance.now() - due);
    const n = st.base + result.sent++;
    const headers = { ...s.headers[n % s.headers.length]! };
    if (s.idempotencyKeys) headers['idempotency-key'] = `${s.name}-${n}`;
    const body = s.bodies === 'reports' ? bodies![n % bodies!.length] : undefined;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const done = (status: string) => {
      const now = performance.now();
      result.latencies.push(now - due);
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      if (status.startsWith('2')) result.ok++;
      else result.errors++;
      st.lastAnswer = Math.max(st.lastAnswer, now);
    };
    answers.push(
      send(s.origin, s.method, s.paths[n % s.paths.length]!, headers, body).then(
        (status) => done(String(status)),
        () => done('error'),
      ),
    );
  }

  // Wakes for the next due request and sends everything due by then: a late timer (the process was
  // busy) sends the overdue requests at once, their latency still counted from when they were due.
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      let next = Infinity;
      for (const st of state) {
        while (st.result.sent < st.total) {
          const due = start + (st.result.sent * 1000) / st.s.rate;
          if (due > now) {
            next = Math.min(next, due);
            break;
          }
          fire(st, due);
        }
      }
      if (next === Infinity) resolve();
      else setTimeout(tick, next - performance.now());
    };
    setTimeout(tick, start - performance.now());
  });
  await Promise.all(answers);
  for (const st of state) {
    counters.set(st.s.name, st.base + st.result.sent);
    st.result.seconds = Math.max(round.seconds, (st.lastAnswer - start) / 1000);
  }
  const cpu = process.cpuUsage(cpu0);
  return { streams: state.map((st) => st.result), sendLag: { ...latencyOf(lags), max: Math.max(0, ...lags) }, generatorCpu: (cpu.user + cpu.system) / 1e6 };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.on('message', (round: { seconds: number; streams: Stream[] }) => {
    void runRound(round).then((result) => process.send!(result));
  });
  process.on('disconnect', () => {
    agent.destroy();
    process.exit(0);
  });
  process.send!('ready');
}
