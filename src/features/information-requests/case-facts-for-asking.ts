// The facts the who-may-ask-whom rule needs (src/domain/information-requests.ts checkAsk), read
// for one reader and one case: the case's stage, the reader's and the addressee's part in it.
import type { Tx } from '../../db/types.ts';
import type { CaseRelation } from '../../domain/case-machine.ts';
import { caseStage, sideOf, type AskFacts, type CaseStage } from '../../domain/information-requests.ts';
import { caseRelations } from '../../policies/cases.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { asSystem, findActiveParty, findVisibleCase, type CaseRow, type PartyRow } from './queries.ts';

export interface AskingContext {
  kase: CaseRow;
  relations: CaseRelation[];
  stage: CaseStage;
  /** The reader's party row when the reader is another authority. */
  party: PartyRow | null;
}

/**
 * Loads the case for a reader who wants to ask about it: through row-level security for the
 * police and social services (NOT_FOUND without a relation); for another authority, its party
 * row first (NOT_FOUND without one) and only then the case's stage and handling organisations,
 * read as the engine, never shown.
 */
export async function loadAskingContext(tx: Tx, actor: Actor, caseId: string): Promise<AskingContext> {
  if (actor.orgKind === 'authority') {
    const party = await findActiveParty(tx, caseId, actor.orgId);
    if (!party) throw new AppError('NOT_FOUND');
    const kase = await asSystem(tx, () => findVisibleCase(tx, caseId));
    if (!kase) throw new AppError('NOT_FOUND');
    return { kase, relations: [], stage: caseStage(kase.status, kase.handling, kase.handoverStartedAt), party };
  }
  const kase = await findVisibleCase(tx, caseId);
  const relations = kase ? caseRelations(actor, kase) : [];
  if (!kase || relations.length === 0) throw new AppError('NOT_FOUND');
  return { kase, relations, stage: caseStage(kase.status, kase.handling, kase.handoverStartedAt), party: null };
}

/** Whether the reader's organisation handles the case now: the hub while clarifying or for its own case, the receiving municipality after the handover. */
export function readerHandles(ctx: AskingContext): boolean {
  if (ctx.relations.includes('hub')) return ctx.stage === 'clarifying' || ctx.stage === 'own';
  return ctx.relations.includes('receiver');
}

export interface OrgFacts {
  id: string;
  kind: string;
  municipalityCode: string | null;
}

/** Whether an organisation handles the case now (as an addressee). */
export function orgHandles(org: OrgFacts, ctx: Pick<AskingContext, 'kase' | 'stage'>): boolean {
  const { kase, stage } = ctx;
  if (org.kind === 'hub') return stage === 'clarifying' || stage === 'own';
  if (sideOf(org.kind) !== 'municipality' || stage !== 'handed_over') return false;
  if (org.id === kase.handoverOrgId || org.id === kase.acceptedByOrgId) return true;
  return org.kind !== 'jour_group' && org.municipalityCode !== null && org.municipalityCode === kase.responsibleMunicipalityCode;
}

/** The facts of checkAsk for the reader asking `addressee` (whose party row, for an authority, is given). */
export function askFacts(actor: Actor, ctx: AskingContext, addressee: OrgFacts, addresseeIsParty: boolean): AskFacts {
  return {
    stage: ctx.stage,
    asker: { side: sideOf(actor.orgKind) ?? 'authority', handles: readerHandles(ctx), reported: ctx.relations.includes('reporter'), party: ctx.party !== null },
    addressee: { side: sideOf(addressee.kind) ?? 'authority', handles: orgHandles(addressee, ctx), party: addresseeIsParty, self: addressee.id === actor.orgId },
  };
}
