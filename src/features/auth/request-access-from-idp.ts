// The identity provider asserts who a person is and which role and organisation they hold; it
// does not get to grant access to case content on its own (DESIGN.md rule 6, issue 22). When a
// login through it would create an account, or change an account's role or organisation, to a
// role that needs four eyes (src/policies/access-requests.ts), nothing is applied: an access
// request is filed in the person's name (requested_by null: their own login asked), the
// organisation's manager is alerted, and the login ends without a session until a second person
// approves (src/features/users/decide-access-request.ts creates or changes the account). Logging
// in again meanwhile files nothing new. Runs inside the login's envagin_auth transaction.
import { and, eq } from 'drizzle-orm';
import { accessRequests } from '../../db/schema.ts';
import type { OrganisationRow, Tx, UserRow } from '../../db/types.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { alertAccessManagers } from '../users/access-alerts.ts';
import type { MappedIdentity } from './oidc-claims.ts';

export async function requestAccessFromIdp(tx: Tx, input: { identity: MappedIdentity; org: OrganisationRow; existing: UserRow | null; requestId: string }): Promise<void> {
  const { identity, org, existing, requestId } = input;
  // One pending request per account and per username (unique indexes): a second login, or one
  // while someone else's change of the same account waits, adds nothing.
  const [row] = await tx
    .insert(accessRequests)
    .values({
      kind: existing ? 'change' : 'create',
      userId: existing?.id ?? null,
      username: existing?.username ?? identity.username,
      displayName: identity.displayName,
      email: identity.email,
      role: identity.role,
      orgId: org.id,
      requestedBy: null,
      oidcIssuer: identity.issuer,
      oidcSubject: identity.subject,
    })
    .onConflictDoNothing()
    .returning();
  if (row) {
    await recordAudit(tx, {
      actor: null,
      action: 'access.requested',
      subjectType: 'access_request',
      subjectId: row.id,
      requestId,
      details: { kind: row.kind, userId: row.userId, role: row.role, orgId: row.orgId, method: 'oidc', fields: existing ? changedFields(existing, identity) : ['role', 'orgId', 'email'] },
    });
    await alertAccessManagers(tx, { event: 'requested', requestId: row.id, role: row.role, orgId: row.orgId, orgName: org.name, except: existing?.id ?? null });
  }
  const [pending] = row
    ? [row]
    : await tx
        .select({ id: accessRequests.id })
        .from(accessRequests)
        .where(and(eq(accessRequests.oidcIssuer, identity.issuer), eq(accessRequests.oidcSubject, identity.subject), eq(accessRequests.status, 'pending')));
  await recordAudit(tx, {
    actor: null,
    action: 'auth.login_failed',
    subjectType: 'user',
    subjectId: existing?.id ?? null,
    requestId,
    details: { method: 'oidc', reason: 'awaiting_approval', accessRequestId: pending?.id ?? null },
  });
}

function changedFields(user: UserRow, identity: MappedIdentity): string[] {
  return [user.role !== identity.role ? 'role' : null, user.orgId !== identity.orgId ? 'orgId' : null, user.email !== identity.email ? 'email' : null].filter((f): f is string => f !== null);
}
