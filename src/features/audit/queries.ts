import { and, desc, eq, gte, ilike, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { auditLog, cases, organisations, users } from '../../db/schema.ts';
import type { AuditRow, DbOrTx } from '../../db/types.ts';
import type { AuditSearch } from './schemas.ts';

/** An entry with the names the auditor reads instead of ids. */
export interface AuditEntryRow extends AuditRow {
  actorName: string | null;
  actorOrgName: string | null;
  subjectLabel: string | null;
}

/** "anna" → "%anna%", with the LIKE wildcards the auditor typed taken literally. */
const contains = (text: string) => `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const subjectUser = alias(users, 'subject_user');

/**
 * A page of the audit log, newest first, keyset-paginated on id (stable while rows are appended).
 * The actor is found by name or username, the organisation by name or id, the subject by id or
 * (for a case) its number: what an auditor knows, not uuids.
 */
export async function listAuditEntries(db: DbOrTx, q: AuditSearch): Promise<{ rows: AuditEntryRow[]; nextCursor: string | null }> {
  const where: SQL[] = [];
  if (q.actorUserId) where.push(eq(auditLog.actorUserId, q.actorUserId));
  if (q.actor) {
    const who = contains(q.actor);
    where.push(inArray(auditLog.actorUserId, db.select({ id: users.id }).from(users).where(or(ilike(users.displayName, who), ilike(users.username, who)))));
  }
  if (q.org) {
    const which = contains(q.org);
    where.push(or(eq(auditLog.actorOrgId, q.org.trim()), inArray(auditLog.actorOrgId, db.select({ id: organisations.id }).from(organisations).where(ilike(organisations.name, which))))!);
  }
  if (q.subjectType) where.push(eq(auditLog.subjectType, q.subjectType));
  if (q.subjectId) {
    const id = q.subjectId.trim();
    const byNumber = db.select({ id: sql<string>`${cases.id}::text` }).from(cases).where(eq(cases.number, id.toUpperCase()));
    where.push(or(eq(auditLog.subjectId, id), inArray(auditLog.subjectId, byNumber))!);
  }
  if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) where.push(lte(auditLog.at, new Date(q.to)));
  if (q.cursor) where.push(lt(auditLog.id, Number(q.cursor)));
  const found = await db
    .select({
      entry: auditLog,
      actorName: users.displayName,
      actorOrgName: organisations.name,
      caseNumber: cases.number,
      subjectUserName: subjectUser.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditLog.actorOrgId))
    .leftJoin(cases, and(eq(auditLog.subjectType, 'case'), eq(sql`${cases.id}::text`, auditLog.subjectId)))
    .leftJoin(subjectUser, and(eq(auditLog.subjectType, 'user'), eq(sql`${subjectUser.id}::text`, auditLog.subjectId)))
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  const rows = found.map((f) => ({ ...f.entry, actorName: f.actorName, actorOrgName: f.actorOrgName, subjectLabel: f.caseNumber ?? f.subjectUserName ?? null }));
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  return { rows: page, nextCursor: more ? String(page[page.length - 1]!.id) : null };
}
