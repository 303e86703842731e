// Changes, disables or re-enables a user (admin). A new role must fit the organisation's kind;
// the audit row lists the fields that changed, and disabling a user or a new role or
// organisation ends their sessions at once. There is no password here: an admin never sets one
// (password-links.ts), and a change that needs four eyes comes here only once approved.
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import type { Tx, AccountRow } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import type { Role } from '../../shared/roles.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { accountColumns, endSessions, getOrganisationForRole } from './queries.ts';
import { now } from '../../jobs/clock-source.ts';

export interface UserChanges {
  displayName?: string;
  email?: string | null;
  role?: Role;
  orgId?: string;
  disabled?: boolean;
}

/** `user` is the current row, locked by the caller (getUserForUpdate). */
export async function updateUser(tx: Tx, input: { actor: Actor; user: AccountRow; changes: UserChanges; requestId: string }): Promise<AccountRow> {
  const { actor, user: current, changes, requestId } = input;
  if (current.id === actor.userId && (changes.disabled || (changes.role && changes.role !== 'admin'))) {
    throw new AppError('INVALID_STATE', 'Du kan inte stänga av eller ta bort administratörsrollen från dig själv.');
  }
  const role = changes.role ?? current.role;
  const orgId = changes.orgId ?? current.orgId;
  if (changes.role || changes.orgId) await getOrganisationForRole(tx, orgId, role);
  const { disabled, ...rest } = changes;
  const [row] = await tx
    .update(users)
    .set({ ...rest, ...(disabled === undefined ? {} : { disabledAt: disabled ? now() : null }), updatedAt: now() })
    .where(eq(users.id, current.id))
    .returning(accountColumns);
  const endsSessions = disabled === true || role !== current.role || orgId !== current.orgId;
  if (endsSessions) await endSessions(tx, current.id);
  await recordAudit(tx, {
    actor,
    action: 'user.updated',
    subjectType: 'user',
    subjectId: current.id,
    requestId,
    details: { fields: Object.keys(changes).sort(), sessionsEnded: endsSessions },
  });
  return row!;
}
