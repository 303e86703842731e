import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { caseEvents, caseMessageReads, caseMessages, cases, contactAttempts, deadlines, doneCaseStatuses, openCaseStatuses } from '../../db/schema.ts';
import type { DbOrTx, Tx } from '../../db/types.ts';
import { caseStatuses } from '../../domain/case-machine.ts';
import { hubClocksByStatus, type QueueCounts, type RunningClock } from '../../domain/hub-attention.ts';
import { caseRelations } from '../../policies/cases.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { CaseIdParams } from './schemas.ts';

export type CaseRow = typeof cases.$inferSelect;

/** Loads and locks a case the actor has a relation to; NOT_FOUND otherwise (rule 6). */
export async function getCaseForUpdate(tx: Tx, actor: Actor, id: string): Promise<CaseRow> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for('update');
  if (!row || caseRelations(actor, row).length === 0) throw new AppError('NOT_FOUND');
  return row;
}

export async function getCase(db: DbOrTx, actor: Actor, id: string): Promise<CaseRow> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  if (!row || caseRelations(actor, row).length === 0) throw new AppError('NOT_FOUND');
  return row;
}

export async function listEvents(db: DbOrTx, caseId: string) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
}

export async function listAttempts(db: DbOrTx, caseId: string) {
  return db.select().from(contactAttempts).where(eq(contactAttempts.caseId, caseId)).orderBy(asc(contactAttempts.at));
}

export async function listMessages(db: DbOrTx, caseId: string) {
  const messages = await db.select().from(caseMessages).where(eq(caseMessages.caseId, caseId)).orderBy(asc(caseMessages.at));
  const reads =
    messages.length === 0
      ? []
      : await db.select().from(caseMessageReads).where(inArray(caseMessageReads.messageId, messages.map((m) => m.id)));
  return messages.map((m) => ({ ...m, readBy: reads.filter((r) => r.messageId === m.id) }));
}

/** Keyset cursor over (received_at, id), newest first for archives, oldest first for queues. */
export interface Cursor {
  receivedAt: string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Partial<Cursor>;
    // The id goes to PostgreSQL as a uuid: checked as a case id in a path is, or it would fail there.
    if (typeof c.receivedAt === 'string' && typeof c.id === 'string' && CaseIdParams.shape.id.safeParse(c.id).success && !Number.isNaN(Date.parse(c.receivedAt))) {
      return { receivedAt: c.receivedAt, id: c.id };
    }
  } catch {
    // fall through to the validation error below
  }
  throw new AppError('VALIDATION_FAILED', 'Ogiltig sidmarkör.', [{ path: 'querystring.cursor', message: 'Ogiltig sidmarkör' }]);
}

/** The same lists as the partial indexes cases_open_idx and cases_done_idx, so that the planner can use them. */
export const OPEN_STATUSES = openCaseStatuses;
export const DONE_STATUSES = doneCaseStatuses;

/** One keyset page of the cases matching any of the scope's parts (see caseScopeParts). */
export async function listCases(
  db: DbOrTx,
  scopeParts: SQL[],
  opts: { status: 'open' | 'closed' | 'all'; limit: number; cursor?: Cursor },
): Promise<CaseRow[]> {
  const statusFilter =
    opts.status === 'open' ? inArray(cases.status, [...OPEN_STATUSES]) : opts.status === 'closed' ? inArray(cases.status, [...DONE_STATUSES]) : undefined;
  // Open cases oldest first (the queue works from the oldest); finished ones newest first.
  const ascending = opts.status === 'open';
  const after = opts.cursor
    ? ascending
      ? or(sql`${cases.receivedAt} > ${opts.cursor.receivedAt}`, and(eq(cases.receivedAt, new Date(opts.cursor.receivedAt)), sql`${cases.id} > ${opts.cursor.id}`))
      : or(lt(cases.receivedAt, new Date(opts.cursor.receivedAt)), and(eq(cases.receivedAt, new Date(opts.cursor.receivedAt)), lt(cases.id, opts.cursor.id)))
    : undefined;
  const order = ascending ? [asc(cases.receivedAt), asc(cases.id)] : [desc(cases.receivedAt), desc(cases.id)];
  const page = (scope: SQL | undefined) => db.select().from(cases).where(and(scope, statusFilter, after)).orderBy(...order).limit(opts.limit);
  // A reader with several ways to a case (a municipality: handed over to it, accepted by it,
  // its own) has each read through its own index and the pages merged. One query with the OR
  // walks every case in age order, the hub's unclaimed reports included, until it has a page.
  if (scopeParts.length === 1) return page(scopeParts[0]);
  const pages: CaseRow[][] = [];
  for (const part of scopeParts) pages.push(await page(part));
  // Each part's page is in keyset order; merge them, drop a case matched by two parts, cut to the page size.
  const byId = new Map(pages.flat().map((r) => [r.id, r]));
  const sign = ascending ? 1 : -1;
  return [...byId.values()]
    .sort((a, b) => sign * (a.receivedAt.getTime() - b.receivedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    .slice(0, opts.limit);
}

export interface RunningClocks {
  nextDue: { clock: string; dueAt: string } | null;
  breached: boolean;
  escalationStep: number;
  /** Every running clock, earliest due first (for the hub's clock: src/domain/hub-attention.ts). */
  running: RunningClock[];
}

/** The running clocks of listed cases, summarised per case for the queue's countdowns. */
export async function runningClocksOf(db: DbOrTx, caseIds: string[]): Promise<Map<string, RunningClocks>> {
  const out = new Map<string, RunningClocks>();
  if (caseIds.length === 0) return out;
  // The listed cases' clocks through the running clocks' (case_id, …) index, and only then the
  // pause: `offset 0` keeps the pause out of the index choice. Given both, a planner on stale
  // statistics took the engine's due-index, whose predicate matches, and walked every running
  // clock (14 ms behind 66,000 unclaimed reports, growing).
  const running = db
    .select({ caseId: deadlines.caseId, clock: deadlines.clock, dueAt: deadlines.dueAt, breachedAt: deadlines.breachedAt, step: deadlines.step, pausedAt: deadlines.pausedAt })
    .from(deadlines)
    // An information request's clock is the addressee's deadline, not the case's: it is shown with
    // the request (src/features/information-requests), not as the case's next deadline.
    .where(and(inArray(deadlines.caseId, caseIds), isNull(deadlines.stoppedAt), ne(deadlines.clock, 'information_request')))
    .offset(0)
    .as('running');
  const rows = await db
    .select({ caseId: running.caseId, clock: running.clock, dueAt: running.dueAt, breachedAt: running.breachedAt, step: running.step })
    .from(running)
    .where(isNull(running.pausedAt))
    .orderBy(asc(running.dueAt));
  for (const r of rows) {
    const s = out.get(r.caseId) ?? { nextDue: { clock: r.clock, dueAt: r.dueAt.toISOString() }, breached: false, escalationStep: 0, running: [] };
    s.breached ||= r.breachedAt !== null;
    s.escalationStep = Math.max(s.escalationStep, r.step);
    s.running.push({ clock: r.clock, dueAt: r.dueAt.toISOString(), breached: r.breachedAt !== null, escalationStep: r.step });
    out.set(r.caseId, s);
  }
  return out;
}

/**
 * The hub's most pressing running clock of each case, as a lateral subquery: the SQL twin of
 * hubClockOf (src/domain/hub-attention.ts), built from the same table of clocks per status.
 */
function hubClockLateral(db: DbOrTx) {
  const perStatus = caseStatuses
    .filter((s) => hubClocksByStatus[s].length > 0)
    .map((s) => and(eq(cases.status, s), inArray(deadlines.clock, [...hubClocksByStatus[s]]))!);
  return db
    .select({ dueAt: deadlines.dueAt, breachedAt: deadlines.breachedAt })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, cases.id), isNull(deadlines.stoppedAt), isNull(deadlines.pausedAt), or(...perStatus)))
    .orderBy(asc(deadlines.dueAt))
    .limit(1)
    .as('hub_clock');
}

/** isOverdue of src/domain/hub-attention.ts in SQL: the hub's clock is breached or due. */
const overdueSql = (hub: ReturnType<typeof hubClockLateral>, now: Date) =>
  sql`(${hub.breachedAt} is not null or ${hub.dueAt} <= ${now.toISOString()}::timestamptz)`;

/**
 * The open cases in scope in the order of the hub's queue (compareForHub of
 * src/domain/hub-attention.ts): overdue first, then those with a running hub clock, then those
 * that need nothing from the hub; acute first within each, then the deadline due soonest, then
 * the oldest. One page of `limit`; the counts cover every open case in scope.
 */
export async function listByAttention(db: DbOrTx, scopeParts: SQL[], opts: { limit: number; now: Date }): Promise<{ rows: CaseRow[]; counts: QueueCounts }> {
  const hub = hubClockLateral(db);
  const where = and(or(...scopeParts), inArray(cases.status, [...OPEN_STATUSES]));
  const bucket = sql`case when ${hub.dueAt} is null then 2 when ${overdueSql(hub, opts.now)} then 0 else 1 end`;
  const urgency = sql`case ${cases.urgency} when 'acute' then 0 when 'today' then 1 else 2 end`;
  const found = await db
    .select({ kase: cases })
    .from(cases)
    .leftJoinLateral(hub, sql`true`)
    .where(where)
    .orderBy(bucket, urgency, sql`${hub.dueAt} asc nulls last`, asc(cases.receivedAt), asc(cases.id))
    .limit(opts.limit);
  const [counts] = await db
    .select({
      open: sql<number>`count(*)::int`,
      unclaimed: sql<number>`(count(*) filter (where ${cases.status} = 'received' and ${cases.assignedUserId} is null))::int`,
      overdue: sql<number>`(count(*) filter (where ${overdueSql(hub, opts.now)}))::int`,
    })
    .from(cases)
    .leftJoinLateral(hub, sql`true`)
    .where(where);
  return { rows: found.map((f) => f.kase), counts: counts ?? { open: 0, unclaimed: 0, overdue: 0 } };
}
