// `envagin totp-code --user <name>`: prints the current one-time code of a demo user, so the
// demo's privileged users can log in without an authenticator app. Refused outside demo mode
// and for any user that is not a demo user.
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { CliInputError } from '../routing/cli.ts';
import { openSecret } from '../../secrets/sealed-secrets.ts';
import { findUserByUsername } from './queries.ts';
import { totpSecretContext } from './set-up-totp.ts';
import { totpCode, totpStep, TOTP_STEP_SECONDS } from './totp.ts';
import { wallClock } from './wall-clock.ts';

type WithDatabase = <T>(config: Config, work: (database: Database) => Promise<T>) => Promise<T>;

export async function totpCodeCommand(args: string[], config: Config, withDatabase: WithDatabase): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { user: { type: 'string' } } });
  if (!config.demoMode) throw new CliInputError('totp-code is a demo-mode command; refused when DEMO_MODE is off');
  if (!values.user) throw new CliInputError('usage: envagin totp-code --user <username>');
  const username = values.user;
  const secret = await withDatabase(config, async (database) => {
    const found = await findUserByUsername(database.db, username);
    if (!found?.user.isDemo) throw new CliInputError(`${username}: not a demo user`);
    if (!found.user.totpSecret) throw new CliInputError(`${username}: has no TOTP secret`);
    return openSecret(config.secrets, totpSecretContext(found.user.id), found.user.totpSecret);
  });
  const now = wallClock();
  const secondsLeft = TOTP_STEP_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_STEP_SECONDS);
  process.stdout.write(`${totpCode(secret, totpStep(now))}\n`);
  process.stderr.write(`(giltig i ${secondsLeft} s till)\n`);
  return 0;
}
