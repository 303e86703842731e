// A PostgreSQL cluster of the test's own, made with Debian's binaries (initdb, pg_ctl) in a
// temporary directory on a free port, so a test may stop and start it under load without
// touching the machine's shared server. Run as the `postgres` user when the test runs as root
// (initdb refuses root).
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server.ts';

/** The newest installed PostgreSQL's bin directory with initdb and pg_ctl, or null. */
function findBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(base, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

const binDir = findBinDir();
const asRoot = process.getuid?.() === 0;
const postgresUser = asRoot ? spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }) : null;

/** Why a private cluster cannot be made here, or false when it can. */
export const skipWithoutPrivatePostgres: string | false = !binDir
  ? 'needs the PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin'
  : asRoot && postgresUser?.status !== 0
    ? 'running as root needs a `postgres` user to run initdb as'
    : false;

export interface PrivatePostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** pg_ctl stop (mode fast: connections are ended, as in a restart for an upgrade). */
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  /** Stops the cluster and removes its directory. */
  destroy(): void;
}

function run(args: string[], what: string): void {
  const [command, ...rest] = asRoot ? ['runuser', '-u', 'postgres', '--', ...args] : args;
  const r = spawnSync(command!, rest, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if (skipWithoutPrivatePostgres || !binDir) throw new Error(String(skipWithoutPrivatePostgres));
  const dir = mkdtempSync(join(tmpdir(), 'envagin-pg-'));
  if (asRoot) {
    const uid = Number(postgresUser!.stdout.trim());
    chownSync(dir, uid, uid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  run([join(binDir, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], 'initdb');
  // Small and quick: the socket in the cluster's own directory, no fsync (the machine does not
  // crash in the test; the cluster is stopped and started, which loses nothing either way).
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=100 -c shared_buffers=32MB`;
  const cluster: PrivatePostgres = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => run([join(binDir, 'pg_ctl'), '-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '30', 'start'], 'pg_ctl start'),
    stop: (mode = 'fast') => run([join(binDir, 'pg_ctl'), '-D', data, '-m', mode, '-w', '-t', '30', 'stop'], 'pg_ctl stop'),
    destroy() {
      if (existsSync(join(data, 'postmaster.pid'))) {
        try {
          cluster.stop('immediate');
        } catch {
          // Already stopped.
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
