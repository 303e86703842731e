// Asks for a grant of access that needs four eyes (src/policies/access-requests.ts): a new
// account, or a new role, organisation or e-mail address of one. Nothing changes until someone
// else approves (decide-access-request.ts). One pending request per account and per username.
import { eq, sql } from 'drizzle-orm';
import { accessRequests, users } from '../../db/schema.ts';
import type { AccessRequestRow, Tx, AccountRow } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import type { Role } from '../../shared/roles.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { alertAccessManagers } from './access-alerts.ts';
import { getOrganisationForRole } from './queries.ts';

export interface RequestedAccess {
  username: string;
  displayName: string;
  email: string;
  role: Role;
  orgId: string;
}

export async function requestAccess(tx: Tx, input: { actor: Actor; user: AccountRow | null; access: RequestedAccess; requestId: string }): Promise<AccessRequestRow> {
  const { actor, user, access, requestId } = input;
  const org = await getOrganisationForRole(tx, access.orgId, access.role);
  if (!user) {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, access.username.toLowerCase()));
    if (taken) throw new AppError('CONFLICT', 'Användarnamnet är upptaget.');
  }
  const [row] = await tx
    .insert(accessRequests)
    .values({ kind: user ? 'change' : 'create', userId: user?.id ?? null, ...access, requestedBy: actor.userId })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', user ? 'En ändring av användaren väntar redan på godkännande.' : 'Användarnamnet väntar redan på godkännande.');
  const changed = user ? (['role', 'orgId', 'email'] as const).filter((k) => user[k] !== access[k]) : ['role', 'orgId', 'email'];
  await recordAudit(tx, {
    actor,
    action: 'access.requested',
    subjectType: 'access_request',
    subjectId: row.id,
    requestId,
    details: { kind: row.kind, userId: row.userId, role: row.role, orgId: row.orgId, fields: changed },
  });
  await alertAccessManagers(tx, { event: 'requested', requestId: row.id, role: row.role, orgId: row.orgId, orgName: org.name, except: actor.userId });
  return row;
}
