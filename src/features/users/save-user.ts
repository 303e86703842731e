// Creating and changing users (admin). A role must fit its organisation's kind; every change is
// audited with the fields that changed (never a password or secret), and disabling a user or
// changing their role or organisation ends their sessions at once.
import { and, eq, isNull } from 'drizzle-orm';
import { organisations, sessions, users } from '../../db/schema.ts';
import type { Tx, UserRow } from '../../db/types.ts';
import { roleFitsOrganisation } from '../../domain/role-organisation.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import type { Role } from '../../shared/roles.ts';
import { recordAudit } from '../../audit/record-audit.ts';

async function checkOrganisation(tx: Tx, orgId: string, role: Role) {
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw new AppError('VALIDATION_FAILED', 'Okänd organisation.', [{ path: 'body.orgId', message: 'Okänd organisation' }]);
  if (!roleFitsOrganisation(role, org.kind)) {
    throw new AppError('VALIDATION_FAILED', 'Rollen passar inte organisationen (t.ex. polis hör till polisen, mottagning till en mottagning eller jour).', [
      { path: 'body.role', message: 'Rollen passar inte organisationen' },
    ]);
  }
}

export interface NewUser {
  username: string;
  displayName: string;
  email?: string | null;
  role: Role;
  orgId: string;
  passwordHash: string | null;
}

export async function createUser(tx: Tx, actor: Actor, input: NewUser, requestId: string): Promise<UserRow> {
  await checkOrganisation(tx, input.orgId, input.role);
  const [row] = await tx
    .insert(users)
    .values({ ...input, email: input.email ?? null })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', 'Användarnamnet är upptaget.');
  await recordAudit(tx, { actor, action: 'user.created', subjectType: 'user', subjectId: row.id, requestId, details: { role: row.role, orgId: row.orgId } });
  return row;
}

export interface UserChanges {
  displayName?: string;
  email?: string | null;
  role?: Role;
  orgId?: string;
  disabled?: boolean;
  passwordHash?: string;
}

export async function updateUser(tx: Tx, actor: Actor, id: string, changes: UserChanges, requestId: string): Promise<UserRow> {
  const [current] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  if (!current) throw new AppError('NOT_FOUND');
  if (id === actor.userId && (changes.disabled || (changes.role && changes.role !== 'admin'))) {
    throw new AppError('INVALID_STATE', 'Du kan inte stänga av eller ta bort administratörsrollen från dig själv.');
  }
  const role = changes.role ?? current.role;
  const orgId = changes.orgId ?? current.orgId;
  if (changes.role || changes.orgId) await checkOrganisation(tx, orgId, role);
  const { disabled, ...rest } = changes;
  const [row] = await tx
    .update(users)
    .set({ ...rest, ...(disabled === undefined ? {} : { disabledAt: disabled ? new Date() : null }), updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  const endsSessions = disabled === true || role !== current.role || orgId !== current.orgId || changes.passwordHash !== undefined;
  if (endsSessions) await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
  await recordAudit(tx, {
    actor,
    action: 'user.updated',
    subjectType: 'user',
    subjectId: id,
    requestId,
    details: { fields: Object.keys(changes).map((k) => (k === 'passwordHash' ? 'password' : k)).sort(), sessionsEnded: endsSessions },
  });
  return row!;
}

/** Lifts a lockout, or removes the second factor so the user enrols again at next login. */
export async function resetSecurity(tx: Tx, actor: Actor, id: string, what: 'unlock' | 'reset_totp', requestId: string): Promise<UserRow> {
  const [row] = await tx
    .update(users)
    .set(what === 'unlock' ? { lockedUntil: null, failedLoginCount: 0 } : { totpSecret: null, totpEnabledAt: null })
    .where(eq(users.id, id))
    .returning();
  if (!row) throw new AppError('NOT_FOUND');
  if (what === 'reset_totp') await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
  await recordAudit(tx, { actor, action: what === 'unlock' ? 'user.unlocked' : 'user.totp_reset', subjectType: 'user', subjectId: id, requestId });
  return row;
}
