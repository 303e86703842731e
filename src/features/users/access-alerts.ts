// Who is told about a grant of access (DESIGN.md rule 6: "alerts the organisation's manager"):
// the hub's supervisors for the hub, a municipality's managers for its units, and the admins for
// roles no organisation manages (admin, auditor) or an organisation without a manager (the
// police, another authority). Never the person who asked. The notification names the role and
// the organisation, not the person: it may pass through mail relays and SMS gateways.
import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { organisations, users } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { enqueueNotification } from '../../jobs/notify.ts';
import { roleLabels, type Role } from '../../shared/roles.ts';

export const APPROVALS_PAGE = '/godkannanden';

async function managersOf(tx: Tx, role: Role, orgId: string, except: string | null): Promise<string[]> {
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, orgId));
  const enabled = except ? and(isNull(users.disabledAt), ne(users.id, except)) : isNull(users.disabledAt);
  const orgManagers =
    role === 'admin' || role === 'auditor' || !org
      ? []
      : await tx
          .select({ id: users.id })
          .from(users)
          .innerJoin(organisations, eq(organisations.id, users.orgId))
          .where(
            and(
              enabled,
              or(
                and(eq(users.role, 'hub.supervisor'), eq(users.orgId, orgId)),
                org.municipalityCode ? and(eq(users.role, 'municipality.manager'), eq(organisations.municipalityCode, org.municipalityCode)) : sql`false`,
              ),
            ),
          );
  if (orgManagers.length > 0) return orgManagers.map((u) => u.id);
  return (await tx.select({ id: users.id }).from(users).where(and(enabled, inArray(users.role, ['admin'])))).map((u) => u.id);
}

export async function alertAccessManagers(
  tx: Tx,
  input: { event: 'requested' | 'approved'; requestId: string; role: Role; orgId: string; orgName: string; except: string | null },
): Promise<void> {
  const userIds = await managersOf(tx, input.role, input.orgId, input.except);
  if (userIds.length === 0) return;
  const what = `${roleLabels[input.role]} i ${input.orgName}`;
  await enqueueNotification(tx, {
    topic: `access.${input.event}`,
    caseNumber: '',
    userIds,
    text: input.event === 'requested' ? `En behörighet väntar på godkännande av en andra person: ${what}.` : `En behörighet har godkänts och getts: ${what}.`,
    link: APPROVALS_PAGE,
    dedupeKey: `access.${input.event}:${input.requestId}`,
  });
}
