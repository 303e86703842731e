// Starts the real server as a child process (`envagin serve`) on a free port, against a fresh
// test database, exactly as an operator would run it: from the TypeScript sources
// (ENVAGIN_SOURCE=1), unless the caller's env sets ENVAGIN_SOURCE=0 to run the build in dist/.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freshDatabase } from './fresh-database.ts';
import { prismEnabled, startPrismProxy } from '../../src/test/prism-proxy.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  /** Where tests send requests: the server itself, or Prism in front of it (ENVAGIN_TEST_PRISM=1). */
  url: string;
  /** The server itself, never through Prism. */
  directUrl: string;
  /** The fresh PostgreSQL database of this server; null on PGlite. */
  databaseUrl: string | null;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ServerOptions {
  /** Another checkout of envagin to run (a benchmark comparing two versions); default this one. */
  root?: string;
  /** Options for Node itself, before the script (e.g. V8 flags being compared). */
  nodeArgs?: readonly string[];
  /** `envagin serve --demo` (the default: tests act as the demo users); false runs it as an installation would, with its own secrets in `env`. */
  demo?: boolean;
  /**
   * With ENVAGIN_TEST_PRISM=1, put Prism in front (src/test/prism-proxy.ts; default true): the
   * browser tests say false, since a browser sends its own Origin and loads the web app, which
   * Prism does not know; their API calls are the same ones the HTTP tests make through Prism.
   */
  prism?: boolean;
}

export async function startServer(env: Record<string, string> = {}, options: ServerOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  // A fresh database (PostgreSQL) or data directory (PGlite), unless the caller brings its own
  // (e.g. several instances on one database), which is then not dropped here.
  const fresh = env.DATABASE_URL ? null : await freshDatabase('envagin-data-');
  const serveArgs = options.demo === false ? ['serve'] : ['serve', '--demo'];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'bin/envagin.mjs', ...serveArgs], {
    cwd: options.root ?? root,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ENVAGIN_SOURCE: '1',
      // The tests count their own cases from an empty installation; a test that wants the demo's
      // sample case passes DEMO_SAMPLE_CASE=true.
      DEMO_SAMPLE_CASE: 'false',
      ...fresh?.env,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    const ready = await fetch(`${url}/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`server not ready within 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const prism = prismEnabled() && options.prism !== false ? await startPrismProxy(url) : null;
  return {
    url: prism?.origin ?? url,
    directUrl: url,
    databaseUrl: fresh?.url ?? env.DATABASE_URL ?? null,
    child,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      // Prism first: its stop() throws on a contract break, after the server is down too.
      const checked = prism?.stop().then(() => null, (error: unknown) => error);
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      await fresh?.drop();
      const broken = await checked;
      if (broken) throw broken;
      return code;
    },
  };
}

/** A line of the server's JSON log, with the fields tests look at. */
export interface LogLine {
  msg?: string;
  reqId?: string;
  req?: { method?: string; route?: string };
}

/** The JSON lines the server has written so far (the one still being written left out). */
export function logLines(server: RunningServer): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of server.output().split('\n')) {
    try {
      if (line.startsWith('{')) lines.push(JSON.parse(line) as LogLine);
    } catch {
      // The last line may still be being written.
    }
  }
  return lines;
}

/** Waits (polling the server's log) until `check` holds: for something the server does that the test cannot await. */
export async function untilLogged(server: RunningServer, check: (lines: LogLine[]) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check(logLines(server))) {
    if (Date.now() - started > timeoutMs) throw new Error(`not logged within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The requests to `route` the server has taken in (Fastify's "incoming request" line, at info level). */
export const takenIn = (lines: LogLine[], method: string, route: string) => lines.filter((l) => l.msg === 'incoming request' && l.req?.method === method && l.req.route === route).length;

/**
 * Waits until the server has logged a request to `route` and logged every request it took in as
 * completed. A client can see its response before the server writes the log lines of that
 * request, so tests that read the log wait for this instead of for a fixed time.
 */
export function untilRequestsLogged(server: RunningServer, route: string): Promise<void> {
  return untilLogged(
    server,
    (lines) => {
      const incoming = lines.filter((l) => l.msg === 'incoming request');
      const completed = new Set(lines.filter((l) => l.msg === 'request completed').map((l) => l.reqId));
      return incoming.some((l) => l.req?.route === route) && incoming.every((l) => completed.has(l.reqId));
    },
    `a request to ${route}, and every request completed`,
  );
}
