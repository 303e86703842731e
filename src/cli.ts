// The `envagin` command line. Each command opens the same database the server would use
// (DATABASE_URL or the embedded PGlite in DATA_DIR).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, requireSecrets, type Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { seedDemo } from './features/directory/seed-demo.ts';
import { seedDemoHistory } from './features/statistics/seed-demo-history.ts';
import { resealSecrets } from './features/system/reseal-secrets.ts';
import { backfillCaseFacts } from './facts/case-facts-store.ts';
import { statsCommand } from './features/statistics/cli.ts';
import { ensureDefaultPolicies } from './jobs/policies.ts';
import { CliInputError, coverageCommand, routeCommand } from './features/routing/cli.ts';
import { purgeCommand } from './features/retention/cli.ts';
import { auditCommand } from './features/audit/cli.ts';
import { doctorCommand } from './features/system/doctor-cli.ts';
import { backupCommand, restoreCommand } from './features/system/backup-cli.ts';
import { totpCodeCommand } from './features/auth/cli.ts';
import { systemClock } from './jobs/clock-source.ts';
import { adminCommand } from './features/users/cli.ts';

const USAGE = `envagin <command> [options]

Commands:
  serve [--demo]        start the web app and API (PORT, default 8080). Without --demo (or
                        DEMO_MODE=true) it needs its secrets (AUDIT_PERSON_KEY, SECRETS_KEY),
                        never seeds demo users and sets Secure cookies; npm start passes --demo
  migrate               apply database migrations
  seed --demo           add the demo directory, agreements and users (idempotent)
  route --residence <kommunkod|unknown> --found <kommunkod> --age <n> [--at <ISO-8601>] [--json]
                        the routing decision as JSON: basis, handling, whom to call now, reasons
  purge [--dry-run]     gallring: remove personal data of cases finished longer ago than the
                        configured RETENTION_*_DAYS (the dry run lists what would go)
  coverage --from <YYYY-MM-DD> [--days <n>] [--json]
                        intervals where a municipality has no reachable contact (exit 1 if any)
  audit verify [--json] check the audit log's hash chain (exit 1 with the first broken row)
  stats --from <YYYY-MM> --to <YYYY-MM> [--municipality <kommunkod>] [--hours all|office|jour] [--format csv|json]
                        the pilot's statistics (as GET /api/v1/statistics), CSV by default
  doctor [--json]       check that every migration is applied and every open case has a
                        running clock (exit 1 naming the cases nobody would be alerted about)
  backup FILE [--force] the embedded PGlite database (DATA_DIR) to one file; stop the server first
  restore FILE [--force]
                        the database from such a file into DATA_DIR (refused over a non-empty
                        DATA_DIR unless --force, which keeps the old one beside it, renamed);
                        on PostgreSQL use pg_dump/pg_restore instead
  admin invite --email <address> --organisation <org id> [--username <name>] [--name <display name>]
                        create one of the first two administrators (outside demo) and print a
                        single-use link, once, for them to set their own password
  totp-code --user <name>
                        demo mode only: the current one-time code of a demo user

Configuration is read from the environment; see README.md.`;

export class UsageError extends Error {}

/**
 * Whether the command line asks for demo mode: `serve --demo` and `seed --demo` do; totp-code
 * exists only for the demo (it prints codes of demo users only), so it runs in demo mode unless
 * DEMO_MODE says otherwise. Every other command runs in demo mode only when DEMO_MODE is on.
 */
function demoAsked(name: string, args: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (name === 'serve' || name === 'seed') return args.includes('--demo');
  if (name === 'totp-code') return !['false', '0', 'no'].includes(env.DEMO_MODE ?? '');
  return false;
}

async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

const commands: Record<string, (args: string[], config: Config) => Promise<void | number>> = {
  async serve(args, config) {
    parseArgs({ args, options: { demo: { type: 'boolean' } }, strict: true });
    requireSecrets(config);
    const { serve } = await import('./server.ts');
    await serve(config);
  },
  async migrate(_args, config) {
    await withDatabase(config, async (database) => {
      await ensureDefaultPolicies(database.db);
      const { applied, expected } = await database.migrationStatus();
      process.stdout.write(`migrations: ${applied}/${expected} applied (${database.kind})\n`);
      process.stdout.write(`statistics facts written for ${await backfillCaseFacts(database.db)} cases that had none\n`);
      if (config.missingSecrets.includes('SECRETS_KEY')) {
        process.stdout.write('secrets not resealed: SECRETS_KEY is not set\n');
        return;
      }
      const resealed = await resealSecrets(database.db, config.secrets);
      process.stdout.write(`secrets sealed under the current key: ${resealed.totpSecrets} TOTP, ${resealed.webhookSecrets} webhook resealed\n`);
      const { users, webhooks } = resealed.inClear;
      if (users.length > 0) process.stdout.write(`TOTP secrets stored in clear, refused (reset them as admin): ${users.join(', ')}\n`);
      if (webhooks.length > 0) process.stdout.write(`webhook secrets stored in clear, refused (rotate them as admin): ${webhooks.join(', ')}\n`);
    });
  },
  route: (args, config) => routeCommand(args, config, withDatabase),
  purge: (args, config) => purgeCommand(args, config, withDatabase),
  coverage: (args, config) => coverageCommand(args, config, withDatabase),
  audit: (args, config) => auditCommand(args, config, withDatabase),
  // The one place the command line reads the time: the day the figures are computed on.
  stats: (args, config) => statsCommand(args, config, withDatabase, () => systemClock.now()),
  doctor: (args, config) => doctorCommand(args, config, withDatabase),
  'totp-code': (args, config) => totpCodeCommand(args, config, withDatabase),
  admin: (args, config) => adminCommand(args, config, withDatabase, () => systemClock.now()),
  backup: (args, config) => backupCommand(args, config),
  restore: (args, config) => restoreCommand(args, config),
  async seed(args, config) {
    const { values } = parseArgs({ args, options: { demo: { type: 'boolean' } }, strict: true });
    if (!values.demo) throw new UsageError('seed needs --demo (the only data set there is)');
    await withDatabase(config, async (database) => {
      const { inserted } = await seedDemo(database.db, config.secrets);
      const history = await seedDemoHistory(database.db, systemClock.now());
      process.stdout.write(inserted > 0 ? `demo data seeded: ${inserted} rows added or brought up to date\n` : 'demo data already present: nothing to add\n');
      if (history > 0) process.stdout.write(`demo statistics history: ${history} fictional fact rows for past months\n`);
    });
  },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const run = commands[name];
  if (!run) {
    process.stderr.write(`unknown command: ${name}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return (await run(args, loadConfig(process.env, { demo: demoAsked(name, args, process.env) }))) ?? 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError || error instanceof CliInputError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}
