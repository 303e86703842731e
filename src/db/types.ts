// Row types inferred from the tables, and the Db/Tx handles every operation receives.
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either a database handle or an open transaction: queries take this. */
export type DbOrTx = Db | Tx;

export type OrganisationRow = typeof schema.organisations.$inferSelect;
export type MunicipalityRow = typeof schema.municipalities.$inferSelect;
export type AgreementRow = typeof schema.agreements.$inferSelect;
export type UserRow = typeof schema.users.$inferSelect;
/** A user's row without the password hash and the one-time-code secret: what the administration roles may read (drizzle/0040). */
export type AccountRow = Omit<UserRow, 'passwordHash' | 'totpSecret'>;
export type SessionRow = typeof schema.sessions.$inferSelect;
export type AuditRow = typeof schema.auditLog.$inferSelect;
export type PasswordLinkRow = typeof schema.passwordLinks.$inferSelect;
export type AccessRequestRow = typeof schema.accessRequests.$inferSelect;
