// Maps the identity provider's claims to an envagin user: role and organisation from the
// configured claims (OIDC_ROLE_CLAIM, OIDC_ORG_CLAIM), refused when either is missing or not one
// envagin knows. Pure; the organisation's existence is checked in the login operation.
import { Role } from '../../shared/roles.ts';

export interface MappedIdentity {
  issuer: string;
  subject: string;
  role: Role;
  orgId: string;
  displayName: string;
  email: string | null;
  username: string;
}

export type ClaimsResult = { ok: true; identity: MappedIdentity } | { ok: false; reason: 'missing_subject' | 'bad_role' | 'bad_org' };

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' && value.length <= 200 ? value.trim() : null;
}

export function mapClaims(claims: Record<string, unknown>, issuer: string, roleClaim: string, orgClaim: string): ClaimsResult {
  const subject = text(claims.sub);
  if (!subject) return { ok: false, reason: 'missing_subject' };
  const role = Role.safeParse(claims[roleClaim]);
  if (!role.success) return { ok: false, reason: 'bad_role' };
  const orgId = text(claims[orgClaim]);
  if (!orgId) return { ok: false, reason: 'bad_org' };
  const host = new URL(issuer).host;
  const preferred = text(claims.preferred_username) ?? subject;
  return {
    ok: true,
    identity: {
      issuer,
      subject,
      role: role.data,
      orgId,
      displayName: text(claims.name) ?? preferred,
      email: text(claims.email),
      // Namespaced by the issuer, so an IdP user can never take a local account's name.
      username: `${preferred}@${host}`,
    },
  };
}
