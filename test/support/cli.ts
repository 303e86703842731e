import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `envagin …` as a user would (from the TypeScript sources), with the given database settings. */
export function runCli(args: string[], env: Record<string, string>): CliResult {
  const r = spawnSync(process.execPath, ['bin/envagin.mjs', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ENVAGIN_SOURCE: '1', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
