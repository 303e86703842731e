// A second person approves or rejects a pending grant of access (src/policies/access-requests.ts
// decides who may; the route checks it on the loaded request). Approval applies it: a new account
// is created and invited to set its own password (password-links.ts) — or, asked by a first login
// through the identity provider, created with that identity and no password — a changed one gets its new
// role, organisation or address (ending its sessions when the role or organisation changes).
// Approval alerts the organisation's manager; both outcomes are audited.
import { and, eq } from 'drizzle-orm';
import { accessRequests } from '../../db/schema.ts';
import type { AccessRequestRow, OrganisationRow, Tx, AccountRow } from '../../db/types.ts';
import type { SecretKeyring } from '../../secrets/sealed-secrets.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { alertAccessManagers } from './access-alerts.ts';
import { createUser } from './create-user.ts';
import { issuePasswordLink } from './password-links.ts';
import { getUserForUpdate } from './queries.ts';
import { updateUser } from './update-user.ts';

export async function decideAccessRequest(
  tx: Tx,
  input: { actor: Actor; request: AccessRequestRow; org: OrganisationRow; approve: boolean; secrets: SecretKeyring; now: Date; requestId: string },
): Promise<{ request: AccessRequestRow; user: AccountRow | null }> {
  const { actor, request, org, approve, now, requestId } = input;
  if (request.status !== 'pending') throw new AppError('INVALID_STATE', 'Begäran är redan avgjord.');
  let user: AccountRow | null = null;
  if (approve) {
    const access = { role: request.role, orgId: request.orgId, email: request.email };
    if (request.kind === 'create') {
      const fromIdp = request.oidcIssuer !== null && request.oidcSubject !== null;
      user = await createUser(tx, {
        actor,
        user: { username: request.username, displayName: request.displayName, ...access, passwordHash: null, ...(fromIdp ? { oidcIssuer: request.oidcIssuer, oidcSubject: request.oidcSubject } : {}) },
        requestId,
      });
      // A person from the identity provider logs in there; a local account chooses its password.
      if (!fromIdp) await issuePasswordLink(tx, { actor, user, purpose: 'invitation', secrets: input.secrets, now, requestId });
    } else {
      const current = await getUserForUpdate(tx, request.userId!);
      user = await updateUser(tx, { actor, user: current, changes: access, requestId });
    }
  }
  const [decided] = await tx
    .update(accessRequests)
    .set({ status: approve ? 'approved' : 'rejected', decidedBy: actor.userId, decidedAt: now, ...(user ? { userId: user.id } : {}) })
    .where(and(eq(accessRequests.id, request.id), eq(accessRequests.status, 'pending')))
    .returning();
  if (!decided) throw new AppError('INVALID_STATE', 'Begäran är redan avgjord.');
  await recordAudit(tx, {
    actor,
    action: approve ? 'access.approved' : 'access.rejected',
    subjectType: 'access_request',
    subjectId: request.id,
    requestId,
    details: { kind: request.kind, userId: decided.userId, role: request.role, orgId: request.orgId, requestedBy: request.requestedBy },
  });
  if (approve) await alertAccessManagers(tx, { event: 'approved', requestId: request.id, role: request.role, orgId: request.orgId, orgName: org.name, except: actor.userId });
  return { request: decided, user };
}
