// A transaction that runs as the restricted role envagin_app with the reader's role and
// organisation in transaction-local settings, so PostgreSQL's row-level security policies
// (drizzle/0006_row_level_security.sql) apply on top of the application's own scope. Both
// settings end with the transaction; a pooled connection carries nothing over.
import { sql } from 'drizzle-orm';
import type { Actor } from '../shared/actor.ts';
import { withTransaction } from './transaction.ts';
import type { Db, Tx } from './types.ts';

export function withActorTransaction<T>(db: Db, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withTransaction(db, async (tx) => {
    // set_config('role', …, true) is SET LOCAL ROLE.
    await tx.execute(sql`select set_config('envagin.role', ${actor.role}, true),
                                set_config('envagin.org_id', ${actor.orgId}, true),
                                set_config('envagin.org_kind', ${actor.orgKind}, true),
                                set_config('envagin.municipality_code', ${actor.municipalityCode ?? ''}, true),
                                set_config('role', 'envagin_app', true)`);
    return work(tx);
  });
}
