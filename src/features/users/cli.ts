// `envagin admin invite --email <address> --organisation <org id> [--username <name>] [--name <display name>]`:
// how an installation outside demo gets its first administrators. It creates an admin account
// without a password and prints a single-use link, once, for that person to set their own (the
// link row keeps only its hash). Whoever runs it holds the server's secrets already; it is still
// audited, and it is refused once two administrators are active: from then on a new admin is
// asked for in the app and approved by a second admin (four eyes needs two to start with).
import { parseArgs } from 'node:util';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { organisations, users } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { absoluteLink } from '../../jobs/email.ts';
import { AppError } from '../../shared/errors.ts';
import { OrgKind } from '../../shared/roles.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { CliInputError } from '../routing/cli.ts';
import { issuePasswordLink, LINK_HOURS, PASSWORD_PAGE } from './password-links.ts';
import { getOrganisationForRole } from './queries.ts';
import { CreateUserBody } from './schemas.ts';

type WithDatabase = <T>(config: Config, work: (database: Database) => Promise<T>) => Promise<T>;

const USAGE =
  'usage: envagin admin invite --email <address> --organisation <org id> [--organisation-name <name> [--organisation-kind hub|police|municipality|authority]] [--username <name>] [--name <display name>]';
export const MAX_CLI_ADMINS = 2;

export async function adminCommand(args: string[], config: Config, withDatabase: WithDatabase, now: () => Date): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'invite') throw new CliInputError(USAGE);
  const { values } = parseArgs({ args: rest, strict: true, options: {
      email: { type: 'string' },
      organisation: { type: 'string' },
      'organisation-name': { type: 'string' },
      'organisation-kind': { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
    }, });
  if (!values.email || !values.organisation) throw new CliInputError(USAGE);
  const username = values.username ?? values.email.split('@')[0]!.toLowerCase().replace(/[^a-z0-9._-]/g, '.');
  const parsed = CreateUserBody.safeParse({ username, displayName: values.name ?? username, email: values.email, role: 'admin', orgId: values.organisation });
  if (!parsed.success) throw new CliInputError(`${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n${USAGE}`);
  const body = parsed.data;
  const link = await withDatabase(config, (database) =>
    withTransaction(database.db, async (tx) => {
      const [active] = await tx.select({ n: count() }).from(users).where(and(eq(users.role, 'admin'), isNull(users.disabledAt), eq(users.isDemo, false)));
      if ((active?.n ?? 0) >= MAX_CLI_ADMINS) {
        throw new CliInputError(`refused: ${MAX_CLI_ADMINS} administrators are already active; invite further ones in the app (a second admin approves)`);
      }
      // A fresh installation has no directory yet: the administrators' own organisation is made here.
      const orgName = values['organisation-name'];
      if (orgName) {
        const kind = OrgKind.safeParse(values['organisation-kind'] ?? 'hub');
        if (!kind.success) throw new CliInputError(`--organisation-kind: one of ${OrgKind.options.join(', ')}`);
        const [made] = await tx.insert(organisations).values({ id: body.orgId, kind: kind.data, name: orgName }).onConflictDoNothing().returning();
        if (made) await recordAudit(tx, { actor: null, action: 'organisation.created', subjectType: 'organisation', subjectId: made.id, details: { kind: made.kind, via: 'cli' } });
      }
      try {
        await getOrganisationForRole(tx, body.orgId, 'admin');
      } catch (error) {
        if (error instanceof AppError) throw new CliInputError(`--organisation ${body.orgId}: ${error.message} (a new installation: add --organisation-name)`);
        throw error;
      }
      const [user] = await tx.insert(users).values({ ...body, passwordHash: null }).onConflictDoNothing().returning();
      if (!user) throw new CliInputError(`the username ${body.username} is taken (choose one with --username)`);
      await recordAudit(tx, { actor: null, action: 'user.created', subjectType: 'user', subjectId: user.id, details: { role: 'admin', orgId: user.orgId, via: 'cli' } });
      return issuePasswordLink(tx, { actor: null, user, purpose: 'invitation', secrets: config.secrets, now: now(), requestId: null, mail: false });
    }),
  );
  process.stdout.write(`${absoluteLink(config.publicUrl, PASSWORD_PAGE)}#${link.token}\n`);
  process.stderr.write(`Administratören ${body.username} är skapad. Länken ovan visas bara nu, fungerar en gång och i ${LINK_HOURS.invitation} timmar: ge den till ${body.email} på ett säkert sätt.\n`);
  return 0;
}
