// The cases already filed under Idempotency-Keys, for answering a replayed submit from the case
// it created. The filing batch learns in its first statement which of its keys are taken
// (write-report-batch.ts) and reads those cases here; a lone report that lost a race on its key's
// unique index reads the winner here too.
import { and, sql } from 'drizzle-orm';
import { caseEvents, cases } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import type { CaseRow } from './queries.ts';

/** A filed case and the request hash it was filed with (a repeat of its key must match it). */
export interface Filed {
  row: CaseRow;
  requestHash: string | undefined;
}

/** Keys are the reporting organisation's own: another organisation may use the same string. */
export const filedKeyOf = (orgId: string, key: string) => `${orgId}\u0000${key}`;

/**
 * The cases filed under the keys, keyed by filedKeyOf. The hash is read per found case through
 * the timeline's (case_id, id) index: a join let the planner scan the whole timeline when its
 * statistics were stale (18 ms at 50,000 cases, growing). Planned on every call, for the same
 * reason: a prepared statement's generic plan, chosen while the tables were small, took 4 ms a
 * batch once they had grown.
 */
export async function findFiledReports(db: DbOrTx, items: readonly { actor: Actor; idempotencyKey: string }[]): Promise<Map<string, Filed>> {
  const orgs = [...new Set(items.map((i) => i.actor.orgId))];
  const keys = [...new Set(items.map((i) => i.idempotencyKey))];
  const rows = await db
    .select({
      row: cases,
      data: sql<Record<string, unknown> | null>`(select e.data from ${caseEvents} e where e.case_id = cases.id and e.type = 'receive' order by e.id limit 1)`,
    })
    .from(cases)
    .where(and(sql`${cases.reporterOrgId} = any(${sql.param(orgs)}::text[])`, sql`${cases.idempotencyKey} = any(${sql.param(keys)}::text[])`));
  return new Map(rows.map(({ row, data }) => [filedKeyOf(row.reporterOrgId, row.idempotencyKey), { row, requestHash: data?.requestHash as string | undefined }]));
}
