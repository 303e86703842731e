// A pending access request filed by a login through the identity provider asks for what the IdP
// asserted then. When the IdP asserts something else at a later login (another role, organisation
// or address, or a role that needs no approval, so the login goes ahead), the old request is stale:
// approving it would grant a role the IdP has since taken back, or try to create an account that
// now exists. The login withdraws it (status 'withdrawn', audited as access.withdrawn) before it
// files what it asserts now, if that needs approval. Requests an administrator asked for are not
// the login's to withdraw. Runs inside the login's envagin_auth transaction.
import { and, eq, isNull } from 'drizzle-orm';
import { accessRequests } from '../../db/schema.ts';
import type { AccessRequestRow, OrganisationRow, Tx, UserRow } from '../../db/types.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { MappedIdentity } from './oidc-claims.ts';

export async function withdrawStaleIdpRequests(
  tx: Tx,
  input: { identity: MappedIdentity; org: OrganisationRow; existing: UserRow | null; waits: boolean; now: Date; requestId: string },
): Promise<void> {
  const { identity, org, existing, waits, now, requestId } = input;
  const pending = await tx
    .select()
    .from(accessRequests)
    .where(
      and(
        eq(accessRequests.oidcIssuer, identity.issuer),
        eq(accessRequests.oidcSubject, identity.subject),
        isNull(accessRequests.requestedBy),
        eq(accessRequests.status, 'pending'),
      ),
    )
    .for('update');
  const stillAsked = (r: AccessRequestRow) =>
    waits &&
    r.kind === (existing ? 'change' : 'create') &&
    (existing ? r.userId === existing.id : r.userId === null) &&
    r.role === identity.role &&
    r.orgId === org.id &&
    r.email === identity.email;
  for (const stale of pending.filter((r) => !stillAsked(r))) {
    await tx
      .update(accessRequests)
      .set({ status: 'withdrawn', decidedAt: now })
      .where(and(eq(accessRequests.id, stale.id), eq(accessRequests.status, 'pending')));
    await recordAudit(tx, {
      actor: null,
      action: 'access.withdrawn',
      subjectType: 'access_request',
      subjectId: stale.id,
      requestId,
      details: { kind: stale.kind, userId: stale.userId, role: stale.role, orgId: stale.orgId, method: 'oidc', reason: 'idp_no_longer_asserts' },
    });
  }
}
