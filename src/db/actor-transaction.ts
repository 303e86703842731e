// Transactions under a narrower database role than the connection's default (envagin_system, see
// src/db/client.ts and drizzle/0020_database_roles.sql). The reader's role, organisation and
// user go into transaction-local settings that the row-level security policies read, so a query
// that forgot its filter still sees only what that reader may see. Role and settings end with the
// transaction; a pooled connection carries nothing over.
import { sql } from 'drizzle-orm';
import type { Actor } from '../shared/actor.ts';
import { withTransaction } from './transaction.ts';
import type { Db, Tx } from './types.ts';

/**
 * The roles a signed-in reader's request may run as (drizzle/0022_database_roles.sql,
 * drizzle/0040_administration_roles.sql), each with the reader's context set.
 */
export type ReaderRole = 'envagin_app' | 'envagin_access' | 'envagin_admin' | 'envagin_audit' | 'envagin_extract' | 'envagin_live';

function withReaderRole<T>(db: Db, actor: Actor, role: ReaderRole, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withTransaction(db, async (tx) => {
    // set_config('role', …, true) is SET LOCAL ROLE.
    await tx.execute(sql`select set_config('envagin.role', ${actor.role}, true),
                                set_config('envagin.org_id', ${actor.orgId}, true),
                                set_config('envagin.org_kind', ${actor.orgKind}, true),
                                set_config('envagin.municipality_code', ${actor.municipalityCode ?? ''}, true),
                                set_config('envagin.user_id', ${actor.userId}, true),
                                set_config('role', ${role}, true)`);
    return work(tx);
  });
}

/** Request handling on behalf of a signed-in reader: role envagin_app with the reader's context. */
export function withActorTransaction<T>(db: Db, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withReaderRole(db, actor, 'envagin_app', work);
}

/**
 * Deciding grants of access and lifting login throttles (admin, hub supervisor, municipality
 * manager): accounts and access requests, never a password hash, a secret or a case table.
 */
export function withAccessTransaction<T>(db: Db, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withReaderRole(db, actor, 'envagin_access', work);
}

/**
 * The admin's screens (users, invitations, deliveries, webhooks): envagin_access plus the
 * outbox's deliveries and the webhook endpoints. Only the admin reader's: the policies check it.
 */
export function withAdminTransaction<T>(db: Db, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withReaderRole(db, actor, 'envagin_admin', work);
}

/** The auditor's screens: the whole audit log and disclosure register, names and case numbers, no case content. */
export function withAuditTransaction<T>(db: Db, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withReaderRole(db, actor, 'envagin_audit', work);
}

/**
 * The auditor's register extract of one person (GDPR art. 15): every column of that person's
 * cases and nothing of anyone else's; the identity number goes into the transaction-local
 * setting envagin.person, which the cases policy of envagin_extract reads.
 */
export function withRegisterExtractTransaction<T>(db: Db, actor: Actor, identityNumber: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withReaderRole(db, actor, 'envagin_extract', async (tx) => {
    await tx.execute(sql`select set_config('envagin.person', ${identityNumber}, true)`);
    return work(tx);
  });
}

/** The live stream's catch-up: the reader's own and their organisation's sent live notifications, nothing else of the outbox. */
export function withLiveEventsTransaction<T>(db: Db, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withReaderRole(db, actor, 'envagin_live', work);
}

/**
 * Log-in, one-time codes, session lookup and log-out: role envagin_auth, the only one besides the
 * engine that reads password hashes and sessions. There is no reader yet, so no reader context.
 */
export function withAuthTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withTransaction(db, async (tx) => {
    await tx.execute(sql`select set_config('envagin.role', 'auth', true), set_config('role', 'envagin_auth', true)`);
    return work(tx);
  });
}

/**
 * The reader's role without a reader: what every signed-in reader may see alike — the directory
 * (src/features/directory/directory-cache.ts), shared across requests and so loaded once for all
 * of them. The case policies answer false without a reader, so no case row is visible here.
 */
export function withSharedReaderTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withTransaction(db, async (tx) => {
    await tx.execute(sql`select set_config('role', 'envagin_app', true)`);
    return work(tx);
  });
}
