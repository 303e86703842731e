import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { auditLog } from '../../db/schema.ts';
import type { AuditRow, DbOrTx } from '../../db/types.ts';
import type { AuditQuery } from './schemas.ts';

/** A page of the audit log, newest first, keyset-paginated on id (stable while rows are appended). */
export async function listAuditEntries(db: DbOrTx, q: AuditQuery): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const where: SQL[] = [];
  if (q.actorUserId) where.push(eq(auditLog.actorUserId, q.actorUserId));
  if (q.subjectType) where.push(eq(auditLog.subjectType, q.subjectType));
  if (q.subjectId) where.push(eq(auditLog.subjectId, q.subjectId));
  if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) where.push(lte(auditLog.at, new Date(q.to)));
  if (q.cursor) where.push(lt(auditLog.id, Number(q.cursor)));
  const rows = await db
    .select()
    .from(auditLog)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  return { rows: page, nextCursor: more ? String(page[page.length - 1]!.id) : null };
}
