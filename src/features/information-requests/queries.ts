// Reads of information requests, always under the reader's row-level security
// (withActorTransaction): a request the reader's organisation has no part in never comes back.
import { aliasedTable, and, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { caseParties, cases, deadlines, informationRequestAnswers, informationRequests, legalGrounds, organisations } from '../../db/schema.ts';
import type { DbOrTx, Tx } from '../../db/types.ts';
import type { CaseRelation } from '../../domain/case-machine.ts';
import { openRequestStates } from '../../domain/information-requests.ts';
import { caseRelations } from '../../policies/cases.ts';
import { requestParties } from '../../policies/information-requests.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import type { RequestParty } from '../../domain/information-requests.ts';

export type RequestRow = typeof informationRequests.$inferSelect;
export type AnswerRow = typeof informationRequestAnswers.$inferSelect;
export type PartyRow = typeof caseParties.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;

/**
 * Runs `work` as the engine's role inside the reader's transaction, then returns to the reader's
 * role. Used only where the reader's right was checked first and the rule needs facts row-level
 * security keeps from the reader: another authority asking about a case it is party to needs the
 * case's stage and handling organisation, never its content.
 */
export async function asSystem<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  await tx.execute(sql`set local role envagin_system`);
  try {
    return await work();
  } finally {
    await tx.execute(sql`set local role envagin_app`);
  }
}

export async function findActiveParty(db: DbOrTx, caseId: string, orgId: string): Promise<PartyRow | null> {
  const [row] = await db
    .select()
    .from(caseParties)
    .where(and(eq(caseParties.caseId, caseId), eq(caseParties.orgId, orgId), isNull(caseParties.endedAt)));
  return row ?? null;
}

export async function listCaseParties(db: DbOrTx, caseId: string) {
  return db
    .select({ orgId: caseParties.orgId, name: organisations.name, addedAt: caseParties.addedAt })
    .from(caseParties)
    .innerJoin(organisations, eq(organisations.id, caseParties.orgId))
    .where(and(eq(caseParties.caseId, caseId), isNull(caseParties.endedAt)))
    .orderBy(caseParties.addedAt);
}

export async function findOrganisation(db: DbOrTx, id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}

/** The case as the reader sees it (null when row-level security hides it, e.g. from another authority). */
export async function findVisibleCase(tx: Tx, id: string, lock = false): Promise<CaseRow | null> {
  const query = tx.select().from(cases).where(eq(cases.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export interface LoadedRequest {
  row: RequestRow;
  relations: CaseRelation[];
  parts: RequestParty[];
}

/** Loads and locks a request the reader's organisation has a part in; NOT_FOUND otherwise. */
export async function getRequestForUpdate(tx: Tx, actor: Actor, id: string): Promise<LoadedRequest> {
  const [row] = await tx.select().from(informationRequests).where(eq(informationRequests.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  const kase = await findVisibleCase(tx, row.caseId);
  const relations = kase ? caseRelations(actor, kase) : [];
  const parts = requestParties(actor, row, relations);
  if (parts.length === 0) throw new AppError('NOT_FOUND');
  return { row, relations, parts };
}

export interface ListedRequest {
  row: RequestRow;
  askingName: string;
  addressedName: string;
  citation: string;
  answer: AnswerRow | null;
  clock: { dueAt: Date; breachedAt: Date | null; step: number } | null;
  /** For a reader that is another authority: its party row's least identity. */
  party: { initials: string | null; birthYear: number | null } | null;
}

const asking = aliasedTable(organisations, 'asking_org');
const addressed = aliasedTable(organisations, 'addressed_org');

/** Requests matching `where` (row-level security adds the reader's scope), newest first, with what the presenter needs. */
export async function listRequests(tx: Tx, actor: Actor, where: SQL | undefined, limit = 200): Promise<ListedRequest[]> {
  const rows = await tx
    .select({ row: informationRequests, askingName: asking.name, addressedName: addressed.name, citation: legalGrounds.citation, answer: informationRequestAnswers })
    .from(informationRequests)
    .innerJoin(asking, eq(asking.id, informationRequests.askingOrgId))
    .innerJoin(addressed, eq(addressed.id, informationRequests.addressedOrgId))
    .innerJoin(legalGrounds, eq(legalGrounds.id, informationRequests.legalGroundId))
    .leftJoin(informationRequestAnswers, eq(informationRequestAnswers.requestId, informationRequests.id))
    .where(where)
    .orderBy(desc(informationRequests.sentAt), desc(informationRequests.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.row.id);
  const clocks = await tx
    .select({ subjectId: deadlines.subjectId, dueAt: deadlines.dueAt, breachedAt: deadlines.breachedAt, step: deadlines.step })
    .from(deadlines)
    .where(and(eq(deadlines.clock, 'information_request'), inArray(deadlines.subjectId, ids), isNull(deadlines.stoppedAt)));
  const clockOf = new Map(clocks.map((c) => [c.subjectId, c]));
  const partyOf = new Map<string, { initials: string | null; birthYear: number | null }>();
  if (actor.orgKind === 'authority') {
    const parties = await tx
      .select()
      .from(caseParties)
      .where(and(eq(caseParties.orgId, actor.orgId), inArray(caseParties.caseId, [...new Set(rows.map((r) => r.row.caseId))])));
    for (const p of parties) partyOf.set(p.caseId, { initials: p.childInitials, birthYear: p.childBirthYear });
  }
  return rows.map((r) => ({
    ...r,
    clock: clockOf.get(r.row.id) ?? null,
    party: actor.orgKind === 'authority' ? (partyOf.get(r.row.caseId) ?? { initials: null, birthYear: null }) : null,
  }));
}

/** The inbox filters: addressed to the reader's organisation, sent by it, or every request it may see. */
export function inboxWhere(actor: Actor, box: 'incoming' | 'outgoing' | 'all', state: 'open' | 'all'): SQL | undefined {
  const boxes = {
    incoming: eq(informationRequests.addressedOrgId, actor.orgId),
    outgoing: eq(informationRequests.askingOrgId, actor.orgId),
    all: undefined,
  };
  return and(boxes[box], state === 'open' ? inArray(informationRequests.state, [...openRequestStates]) : undefined);
}

export const requestsOfCase = (caseId: string) => eq(informationRequests.caseId, caseId);
export const requestById = (id: string) => eq(informationRequests.id, id);

/** The organisations that could be asked about a case: the police, the hub, the case's handling organisations, authorities party to it. */
export async function candidateAddressees(db: DbOrTx, kase: Pick<CaseRow, 'handoverOrgId' | 'acceptedByOrgId'>, partyOrgIds: readonly string[]) {
  const handling = [kase.acceptedByOrgId, kase.handoverOrgId].filter((o): o is string => o !== null);
  return db
    .select({ orgId: organisations.id, name: organisations.name, kind: organisations.kind, municipalityCode: organisations.municipalityCode })
    .from(organisations)
    .where(
      or(
        inArray(organisations.kind, ['police', 'hub']),
        handling.length ? inArray(organisations.id, handling) : undefined,
        partyOrgIds.length ? inArray(organisations.id, [...partyOrgIds]) : undefined,
      ),
    )
    .orderBy(organisations.kind, organisations.name);
}

export async function listAuthorities(db: DbOrTx) {
  return db.select({ orgId: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.kind, 'authority')).orderBy(organisations.name);
}
