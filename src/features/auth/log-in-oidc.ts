// Finishes an OpenID Connect login: just-in-time creates or updates the user keyed by
// (issuer, subject) with the role and organisation the IdP asserts, and creates the session, in
// one transaction with its audit rows. The IdP is the authority on how the person authenticated
// (SITHS and e-legitimation are already two-factor), so the session needs no TOTP step. It is not
// the authority on access to case content: a new account, or a new role or organisation, whose
// role needs four eyes waits for a second person's approval (request-access-from-idp.ts) and the
// login ends without a session until then; a pending request the IdP no longer asserts is
// withdrawn (withdraw-stale-idp-requests.ts).
import { withAuthTransaction } from '../../db/actor-transaction.ts';
import { and, eq } from 'drizzle-orm';
import { organisations, sessions, users } from '../../db/schema.ts';
import type { Db } from '../../db/types.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { needsApproval } from '../../policies/access-requests.ts';
import type { MappedIdentity } from './oidc-claims.ts';
import { requestAccessFromIdp } from './request-access-from-idp.ts';
import { withdrawStaleIdpRequests } from './withdraw-stale-idp-requests.ts';
import { toActor } from './queries.ts';
import { hashToken, newToken } from './session-token.ts';
import { wallClock } from './wall-clock.ts';

export type OidcLoginResult = { ok: true; token: string; expiresAt: Date } | { ok: false; reason: 'unknown_org' | 'disabled' | 'awaiting_approval' };

export async function logInWithOidc(db: Db, identity: MappedIdentity, requestId: string, absoluteHours: number): Promise<OidcLoginResult> {
  const now = wallClock();
  return withAuthTransaction(db, async (tx): Promise<OidcLoginResult> => {
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, identity.orgId));
    const [existing] = await tx
      .select()
      .from(users)
      .where(and(eq(users.oidcIssuer, identity.issuer), eq(users.oidcSubject, identity.subject)))
      .for('update');
    if (!org || existing?.disabledAt) {
      await recordAudit(tx, {
        actor: null,
        action: 'auth.login_failed',
        subjectType: 'user',
        subjectId: existing?.id ?? null,
        requestId,
        details: { method: 'oidc', reason: org ? 'disabled' : 'unknown_org' },
      });
      return { ok: false, reason: org ? 'disabled' : 'unknown_org' };
    }
    const changesAccess = !existing || existing.role !== identity.role || existing.orgId !== org.id;
    const waits = changesAccess && needsApproval(identity.role);
    // Before anything is filed or applied: a request asking what the IdP no longer asserts goes.
    await withdrawStaleIdpRequests(tx, { identity, org, existing: existing ?? null, waits, now, requestId });
    if (waits) {
      await requestAccessFromIdp(tx, { identity, org, existing: existing ?? null, requestId });
      return { ok: false, reason: 'awaiting_approval' };
    }
    const fields = { displayName: identity.displayName, role: identity.role, orgId: org.id, email: identity.email, updatedAt: now };
    let user;
    if (existing) {
      [user] = await tx.update(users).set(fields).where(eq(users.id, existing.id)).returning();
    } else {
      [user] = await tx
        .insert(users)
        .values({ ...fields, username: identity.username, oidcIssuer: identity.issuer, oidcSubject: identity.subject, passwordHash: null })
        .returning();
    }
    const actor = toActor(user!, org);
    if (!existing) {
      await recordAudit(tx, { actor, action: 'user.provisioned', subjectType: 'user', subjectId: actor.userId, requestId, details: { method: 'oidc', role: actor.role, orgId: actor.orgId } });
    } else if (existing.role !== actor.role || existing.orgId !== actor.orgId) {
      await recordAudit(tx, {
        actor,
        action: 'user.updated_from_idp',
        subjectType: 'user',
        subjectId: actor.userId,
        requestId,
        details: { before: { role: existing.role, orgId: existing.orgId }, after: { role: actor.role, orgId: actor.orgId } },
      });
    }
    const token = newToken();
    const expiresAt = new Date(now.getTime() + absoluteHours * 3_600_000);
    await tx.insert(sessions).values({ tokenHash: hashToken(token), userId: actor.userId, csrfToken: newToken(), expiresAt, createdAt: now, lastSeenAt: now, mfaVerifiedAt: now });
    await recordAudit(tx, { actor, action: 'auth.logged_in', subjectType: 'user', subjectId: actor.userId, requestId, details: { method: 'oidc', mfa: 'idp' } });
    return { ok: true, token, expiresAt };
  });
}
