// User row → response (src/shared/api/users.ts). Never a password hash or a secret.
import type { z } from 'zod';
import type { OrganisationRow, PasswordLinkRow, AccountRow } from '../../db/types.ts';
import type { AccessRequestDto, PasswordLinkDto, UserDto } from '../../shared/api/users.ts';
import type { AccessRequestListRow } from './queries.ts';

export function presentUser(u: AccountRow, org: OrganisationRow, now: Date): z.infer<typeof UserDto> {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    organisation: { id: org.id, name: org.name, kind: org.kind },
    disabled: u.disabledAt !== null,
    lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil.toISOString() : null,
    totpEnrolled: u.totpEnabledAt !== null,
    externalLogin: u.oidcSubject !== null,
    isDemo: u.isDemo,
  };
}

export function presentAccessRequest(r: AccessRequestListRow, mayDecide: boolean): z.infer<typeof AccessRequestDto> {
  const { request: q, organisation: org, current } = r;
  return {
    id: q.id,
    kind: q.kind,
    userId: q.userId,
    username: q.username,
    displayName: q.displayName,
    email: q.email,
    role: q.role,
    organisation: { id: org.id, name: org.name },
    current: current ? { role: current.role, orgId: current.orgId, email: current.email } : null,
    requestedBy: { id: q.requestedBy, name: r.requesterName ?? '' },
    requestedAt: q.requestedAt.toISOString(),
    status: q.status,
    mayDecide,
  };
}

export function presentPasswordLink(
  r: { link: Omit<PasswordLinkRow, 'tokenHash'>; user: { id: string; username: string; displayName: string }; delivery: string | null },
  now: Date,
): z.infer<typeof PasswordLinkDto> {
  return {
    id: r.link.id,
    user: r.user,
    purpose: r.link.purpose,
    createdAt: r.link.createdAt.toISOString(),
    expiresAt: r.link.expiresAt.toISOString(),
    state: r.link.usedAt ? 'used' : r.link.expiresAt <= now ? 'expired' : 'open',
    delivery: r.delivery,
  };
}
