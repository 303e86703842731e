// Creates a user account (admin). The role must fit the organisation's kind; the audit row names
// the role and organisation, never a password.
import { users } from '../../db/schema.ts';
import type { Tx, AccountRow } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import type { Role } from '../../shared/roles.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { accountColumns, getOrganisationForRole } from './queries.ts';

export interface NewUser {
  username: string;
  displayName: string;
  email?: string | null;
  role: Role;
  orgId: string;
  /** null for users who log in through their organisation's identity provider. */
  passwordHash: string | null;
  /** The identity provider's account, for a person approved after a first login there. */
  oidcIssuer?: string | null;
  oidcSubject?: string | null;
}

export async function createUser(tx: Tx, input: { actor: Actor; user: NewUser; requestId: string }): Promise<AccountRow> {
  const { actor, user, requestId } = input;
  await getOrganisationForRole(tx, user.orgId, user.role);
  const [row] = await tx
    .insert(users)
    .values({ ...user, email: user.email ?? null })
    .onConflictDoNothing()
    .returning(accountColumns);
  if (!row) throw new AppError('CONFLICT', 'Användarnamnet är upptaget.');
  await recordAudit(tx, { actor, action: 'user.created', subjectType: 'user', subjectId: row.id, requestId, details: { role: row.role, orgId: row.orgId } });
  return row;
}
