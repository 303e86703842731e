// Reads and row writes of user accounts. The first parameter is always the database or the transaction.
import { and, asc, desc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { accessRequests, organisations, outbox, passwordLinks, sessions, users } from '../../db/schema.ts';
import type { AccessRequestRow, DbOrTx, OrganisationRow, Tx, AccountRow } from '../../db/types.ts';
import { roleFitsOrganisation } from '../../domain/role-organisation.ts';
import { AppError } from '../../shared/errors.ts';
import type { Role } from '../../shared/roles.ts';
import { wallClock } from '../auth/wall-clock.ts';

const { passwordHash: _hash, totpSecret: _secret, ...accountFields } = getTableColumns(users);
/**
 * A user's columns without the password hash and the one-time-code secret, which the
 * administration roles may not read (drizzle/0040_administration_roles.sql): for select and returning.
 */
export const accountColumns = accountFields;

/** Every user with their organisation, by organisation name and username. */
export function listUsers(db: DbOrTx): Promise<{ user: AccountRow; organisation: OrganisationRow }[]> {
  return db
    .select({ user: accountColumns, organisation: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .orderBy(asc(organisations.name), asc(users.username));
}

/** The user, locked for the change; NOT_FOUND if there is none. */
export async function getUserForUpdate(tx: Tx, id: string): Promise<AccountRow> {
  const [row] = await tx.select(accountColumns).from(users).where(eq(users.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** A user's organisation (the foreign key guarantees it exists). */
export async function getOrganisation(tx: Tx, id: string): Promise<OrganisationRow> {
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, id));
  return org!;
}

/** The organisation a user is to belong to, if it exists and the role fits its kind; VALIDATION_FAILED otherwise. */
export async function getOrganisationForRole(tx: Tx, orgId: string, role: Role): Promise<OrganisationRow> {
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw new AppError('VALIDATION_FAILED', 'Okänd organisation.', [{ path: 'body.orgId', message: 'Okänd organisation' }]);
  if (!roleFitsOrganisation(role, org.kind)) {
    throw new AppError('VALIDATION_FAILED', 'Rollen passar inte organisationen (t.ex. polis hör till polisen, mottagning till en mottagning eller jour).', [
      { path: 'body.role', message: 'Rollen passar inte organisationen' },
    ]);
  }
  return org;
}

/** Ends every open session of the user at once. */
export async function endSessions(tx: Tx, userId: string): Promise<void> {
  await tx.update(sessions).set({ revokedAt: wallClock() }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** A pending or decided access request, locked for the decision; NOT_FOUND if there is none. */
export async function getAccessRequestForUpdate(tx: Tx, id: string): Promise<AccessRequestRow> {
  const [row] = await tx.select().from(accessRequests).where(eq(accessRequests.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export interface AccessRequestListRow {
  request: AccessRequestRow;
  organisation: OrganisationRow;
  requesterName: string | null;
  current: Pick<AccountRow, 'role' | 'orgId' | 'email'> | null;
}

/** Every pending access request, oldest first, with what a decision needs to show. */
export async function listPendingAccessRequests(db: DbOrTx): Promise<AccessRequestListRow[]> {
  const requester = alias(users, 'requester');
  const current = alias(users, 'current');
  const rows = await db
    .select({ request: accessRequests, organisation: organisations, requesterName: requester.displayName, current: { role: current.role, orgId: current.orgId, email: current.email } })
    .from(accessRequests)
    .innerJoin(organisations, eq(organisations.id, accessRequests.orgId))
    .leftJoin(requester, eq(requester.id, accessRequests.requestedBy))
    .leftJoin(current, eq(current.id, accessRequests.userId))
    .where(eq(accessRequests.status, 'pending'))
    .orderBy(asc(accessRequests.requestedAt));
  return rows;
}

// The token's hash is not the administration roles' to read.
const { tokenHash: _tokenHash, ...linkColumns } = getTableColumns(passwordLinks);

/** The latest invitation and reset links, newest first, with their e-mail's delivery status. */
export async function listPasswordLinks(db: DbOrTx, limit: number) {
  return db
    .select({ link: linkColumns, user: { id: users.id, username: users.username, displayName: users.displayName }, delivery: outbox.status })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .leftJoin(outbox, eq(outbox.dedupeKey, sql`'password-link:' || ${passwordLinks.id}::text`))
    .orderBy(desc(passwordLinks.createdAt))
    .limit(limit);
}
