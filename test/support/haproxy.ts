// HAProxy (Debian's package) in front of envagin instances, run with the configuration shipped in
// deploy/haproxy/haproxy.cfg (the one docs/DEPLOY.md shows): only the addresses differ.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from './server.ts';

const HAPROXY = '/usr/sbin/haproxy';
export const haproxyDir = fileURLToPath(new URL('../../deploy/haproxy', import.meta.url));
export const haproxyConfig = `${haproxyDir}/haproxy.cfg`;

/** Why HAProxy cannot run here, or false when it can. */
export const skipWithoutHaproxy: string | false = existsSync(HAPROXY) ? false : 'needs HAProxy (apt-get install -y haproxy; .ci/run installs it)';

export interface ServerState {
  name: string;
  /** UP, DOWN, "UP 1/2" (going down), "DOWN 1/2" (coming up), MAINT… */
  status: string;
}

export interface Balancer {
  url: string;
  child: ChildProcess;
  output(): string;
  /** The backend servers as HAProxy's statistics page sees them. */
  servers(): Promise<ServerState[]>;
  /** Waits until the named servers are all in `status` (e.g. 'UP'). */
  until(status: string, names: string[], timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts HAProxy on a free port in front of the two instances (host:port each). */
export async function startBalancer(instanceA: string, instanceB: string): Promise<Balancer> {
  const port = await freePort();
  const statsPort = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    ENVAGIN_BIND: `127.0.0.1:${port}`,
    ENVAGIN_STATS_BIND: `127.0.0.1:${statsPort}`,
    ENVAGIN_INSTANCE_A: instanceA,
    ENVAGIN_INSTANCE_B: instanceB,
    ENVAGIN_ERRORS_DIR: haproxyDir,
  };
  const check = spawnSync(HAPROXY, ['-c', '-q', '-f', haproxyConfig], { env, encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy -c: ${check.stdout}${check.stderr}`);
  // -db: stay in the foreground, as under systemd; -W: master-worker mode, as Debian's unit runs it.
  const child = spawn(HAPROXY, ['-W', '-db', '-f', haproxyConfig], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const statsUrl = `http://127.0.0.1:${statsPort}/stats;csv`;

  const servers = async (): Promise<ServerState[]> => {
    const csv = await (await fetch(statsUrl)).text();
    const [header, ...rows] = csv.trim().split('\n');
    const cols = header!.replace(/^# /, '').split(',');
    const at = (name: string) => cols.indexOf(name);
    return rows
      .map((r) => r.split(','))
      .filter((r) => r[at('pxname')] === 'envagin' && !['FRONTEND', 'BACKEND'].includes(r[at('svname')]!))
      .map((r) => ({ name: r[at('svname')]!, status: r[at('status')]! }));
  };

  const balancer: Balancer = {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    servers,
    async until(status, names, timeoutMs = 20_000) {
      const started = Date.now();
      for (;;) {
        if (child.exitCode !== null) throw new Error(`haproxy exited:\n${out}`);
        const states = await servers().catch(() => [] as ServerState[]);
        if (names.every((n) => states.find((s) => s.name === n)?.status === status)) return;
        if (Date.now() - started > timeoutMs) throw new Error(`haproxy: ${names.join(', ')} not ${status} within ${timeoutMs} ms: ${JSON.stringify(states)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  await balancer.until('UP', ['a', 'b']);
  return balancer;
}
