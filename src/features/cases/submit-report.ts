// The police file a report. Submitting requires an Idempotency-Key: the same key from the same
// organisation returns the same case (a retried submit on a bad mobile connection creates no
// second case); the same key with a different report is a conflict. A report on a child who
// already has an open case is linked to it and flagged.
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { caseEvents, cases } from '../../db/schema.ts';
import type { Db, Tx } from '../../db/types.ts';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import { sqlState } from '../../db/transaction.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { ageOn, parseIdentityNumber } from '../../domain/identity.ts';
import { decideRouting } from '../../domain/routing.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { personRef } from '../audit/person-ref.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nextCaseNumber } from './next-case-number.ts';
import { OPEN_STATUSES, type CaseRow } from './queries.ts';
import type { ReportBody } from './schemas.ts';

export interface SubmitInput {
  actor: Actor;
  report: ReportBody;
  idempotencyKey: string;
  requestId: string;
  now: Date;
  directory: DirectorySnapshot;
  personKey: string;
  /** Called inside the transaction after the case row exists: clocks and notifications. */
  onCreated?: (tx: Tx, row: CaseRow) => Promise<void>;
}

interface Identity {
  kind: 'personnummer' | 'samordningsnummer' | 'unknown';
  number: string | null;
  age: number;
}

function identify(report: ReportBody, receiptDate: string): Identity {
  if (report.child.identityKind === 'unknown') return { kind: 'unknown', number: null, age: report.child.estimatedAge };
  const parsed = parseIdentityNumber(report.child.identityNumber, receiptDate);
  if (!parsed.ok) {
    throw new AppError('VALIDATION_FAILED', parsed.message, [{ path: 'body.child.identityNumber', message: parsed.message }]);
  }
  return { kind: parsed.kind, number: parsed.normalized, age: ageOn(parsed.birthDate, receiptDate) };
}

async function findByKey(db: Db | Tx, orgId: string, key: string) {
  const [row] = await db.select().from(cases).where(and(eq(cases.reporterOrgId, orgId), eq(cases.idempotencyKey, key)));
  return row ?? null;
}

async function sameRequest(db: Db, row: CaseRow, requestHash: string): Promise<boolean> {
  const [first] = await db.select({ data: caseEvents.data }).from(caseEvents).where(and(eq(caseEvents.caseId, row.id), eq(caseEvents.type, 'receive')));
  return first?.data.requestHash === requestHash;
}

export async function submitReport(db: Db, input: SubmitInput): Promise<{ row: CaseRow; created: boolean }> {
  const { actor, report, now } = input;
  const receiptDate = stockholmDate(now);
  const identity = identify(report, receiptDate);
  const requestHash = createHash('sha256').update(canonicalJson(report)).digest('hex');

  const attempt = async () => {
    // A replay is answered from the case it created, without touching the number series.
    const replay = await findByKey(db, actor.orgId, input.idempotencyKey);
    if (replay) {
      if (!(await sameRequest(db, replay, requestHash))) throw new AppError('CONFLICT', 'Idempotency-Key har redan använts för en annan anmälan.');
      return { row: replay, created: false };
    }
    const number = await nextCaseNumber(db, Number(receiptDate.slice(0, 4)));
    // A submit racing this one with the same key loses on the unique index (23505, below) and
    // is answered from the winner's row on its retry.
    return withActorTransaction(db, actor, async (tx) => {
      const [openCase] = identity.number
        ? await tx
            .select({ id: cases.id })
            .from(cases)
            .where(and(eq(cases.identityNumber, identity.number), inArray(cases.status, [...OPEN_STATUSES])))
            .orderBy(desc(cases.receivedAt))
            .limit(1)
        : [];
      const preliminary = decideRouting(input.directory, {
        residence: report.residence.municipalityCode ?? 'unknown',
        found: report.found.municipalityCode,
        age: identity.age,
        receivedAt: now,
      });
      const [row] = await tx
        .insert(cases)
        .values({
          number,
          status: 'received',
          receivedAt: now,
          receiptDate,
          urgency: report.urgency,
          reporterUserId: actor.userId,
          reporterOrgId: actor.orgId,
          idempotencyKey: input.idempotencyKey,
          policeDiaryNumber: report.policeDiaryNumber,
          foundMunicipalityCode: report.found.municipalityCode,
          residenceCode: report.residence.municipalityCode,
          identityKind: identity.kind,
          identityNumber: identity.number,
          ageAtReceipt: identity.age,
          protectedIdentity: report.protectedIdentity,
          report,
          linkedCaseId: openCase?.id ?? null,
          duplicateFlag: Boolean(openCase),
          routing: { ...preliminary, preliminary: true },
        })
        .returning();
      await tx.insert(caseEvents).values({
        caseId: row!.id,
        at: now,
        actorUserId: actor.userId,
        actorOrgId: actor.orgId,
        actorName: actor.displayName,
        type: 'receive',
        toStatus: 'received',
        data: { requestHash, linkedCaseId: openCase?.id ?? null },
      });
      await recordAudit(tx, {
        actor,
        action: 'case.received',
        subjectType: 'case',
        subjectId: row!.id,
        requestId: input.requestId,
        details: {
          number: row!.number,
          ...(identity.number ? { person: personRef(input.personKey, identity.number) } : {}),
          duplicateOf: openCase?.id ?? null,
        },
      });
      await input.onCreated?.(tx, row!);
      return { row: row!, created: true };
    });
  };

  try {
    return await attempt();
  } catch (error) {
    // Two submits with the same key at the same moment: the loser finds the winner's case.
    if (sqlState(error) === '23505') return attempt();
    throw error;
  }
}
