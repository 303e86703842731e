// Reads of the disclosure register for the auditor: newest first, keyset-paginated on id, by
// child (keyed person reference), organisation (as discloser or receiver) and period.
import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { disclosures, users } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/types.ts';
import { queryRows } from '../../db/query-rows.ts';

export interface DisclosureFilter {
  personRef?: string;
  organisationId?: string;
  fromAt?: Date;
  beforeAt?: Date;
  /** Only rows older than this id (the cursor). */
  beforeId?: number;
  limit: number;
}

export type DisclosureRow = typeof disclosures.$inferSelect & { actorName: string | null };

export async function listDisclosures(db: DbOrTx, f: DisclosureFilter): Promise<{ rows: DisclosureRow[]; nextCursor: string | null }> {
  const where: SQL[] = [];
  if (f.personRef) where.push(eq(disclosures.personRef, f.personRef));
  if (f.organisationId) where.push(or(eq(disclosures.fromOrgId, f.organisationId), eq(disclosures.toOrgId, f.organisationId))!);
  if (f.fromAt) where.push(gte(disclosures.at, f.fromAt));
  if (f.beforeAt) where.push(lt(disclosures.at, f.beforeAt));
  if (f.beforeId) where.push(lt(disclosures.id, f.beforeId));
  const found = await db
    .select({ d: disclosures, actorName: users.displayName })
    .from(disclosures)
    .leftJoin(users, eq(users.id, disclosures.actorUserId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(disclosures.id))
    .limit(f.limit + 1);
  const rows = found.slice(0, f.limit).map(({ d, actorName }) => ({ ...d, actorName }));
  return { rows, nextCursor: found.length > f.limit ? String(rows.at(-1)!.id) : null };
}

/** Every organisation that has disclosed or received, with its name as last recorded. */
export async function listDisclosureOrganisations(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return queryRows<{ id: string; name: string }>(
    db,
    sql`
    select id, (array_agg(name order by at desc))[1] as name from (
      select ${disclosures.fromOrgId} as id, ${disclosures.fromName} as name, ${disclosures.at} as at from ${disclosures}
      union all
      select ${disclosures.toOrgId}, ${disclosures.toName}, ${disclosures.at} from ${disclosures} where ${disclosures.toOrgId} is not null
    ) o group by id order by 2`,
  );
}
