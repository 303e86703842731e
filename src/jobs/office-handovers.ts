// Jour → office (DESIGN.md rule 5): a case a jour group kvitterade at night passes to its
// municipality's office intake when that office next opens, and needs the office's own kvittens.
//
// scheduleOfficeHandover runs inside the jour kvittens's transaction and writes the work item (a
// case_handovers row of kind 'office', due when the office opens). passDueHandovers is the
// engine's pass, GoAlert-style like the deadlines: one transaction per batch claims due rows
// FOR UPDATE SKIP LOCKED, so two instances never take the same row, and writes the pass, the
// timeline event, the office's clock, the audit row and the notifications before committing.
// A row is passed once: passed_at is set in the same transaction, and the claim skips it after.
// The case row is locked with it (a case someone is changing right now is skipped until the next
// cycle), in the order every case transition takes its locks, so the two never deadlock.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { caseEvents, caseHandovers, cases, intakeUnits, organisations } from '../db/schema.ts';
import type { Db, Tx } from '../db/types.ts';
import { queryRows } from '../db/query-rows.ts';
import { withTransaction } from '../db/transaction.ts';
import { recordDisclosure } from '../audit/record-disclosure.ts';
import { isOpen } from '../domain/calendar.ts';
import { caseFields, handoverGround, reportFieldNames, type CaseBasis } from '../domain/disclosures.ts';
import type { DirectorySnapshot, OpeningHours } from '../domain/directory-types.ts';
import { nextOfficeOpening, officeIntakeOf } from '../domain/office-opening.ts';
import { recordSystemAudits, type SystemAuditEntry } from './audit-batch.ts';
import { startClock } from './clocks.ts';
import { caseLink } from './escalate.ts';
import { enqueueNotifications, type NotificationInput } from './notify.ts';
import { wakeEngine } from './wake.ts';

type CaseRow = typeof cases.$inferSelect;

/**
 * After a kvittens (in the system or verbal): when the accepting unit is a jour group, records
 * the jour's holding and schedules the pass to the office intake. Idempotent per case; nothing
 * for an office's own kvittens. Returns when the case passes, or null.
 */
export async function scheduleOfficeHandover(tx: Tx, row: CaseRow, at: Date): Promise<Date | null> {
  const muni = row.responsibleMunicipalityCode;
  if (!row.acceptedByOrgId || !muni) return null;
  const [org] = await tx.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, row.acceptedByOrgId));
  if (org?.kind !== 'jour_group') return null;
  const [office] = await tx
    .select({ orgId: intakeUnits.orgId, hours: intakeUnits.hours })
    .from(intakeUnits)
    .where(eq(intakeUnits.municipalityCode, muni))
    .orderBy(intakeUnits.orgId)
    .limit(1);
  if (!office) return null;
  // A calendar that never opens is a configuration fault: pass at once rather than never, so
  // the office's clock runs and its escalation reaches someone.
  const passAt = nextOfficeOpening(office.hours as OpeningHours, at) ?? at;
  await tx
    .insert(caseHandovers)
    .values([
      {
        caseId: row.id,
        kind: 'jour',
        orgId: row.acceptedByOrgId,
        municipalityCode: muni,
        passAt: at,
        acknowledgedAt: at,
        acknowledgedByUserId: row.acceptedByUserId,
        acknowledgedByName: row.acceptedByName,
      },
      { caseId: row.id, kind: 'office', orgId: office.orgId, municipalityCode: muni, passAt },
    ])
    .onConflictDoNothing();
  await recordSystemAudits(tx, [
    { action: 'case.office_handover_scheduled', subjectType: 'case', subjectId: row.id, details: { number: row.number, jourOrgId: row.acceptedByOrgId, officeOrgId: office.orgId, passAt: passAt.toISOString() } },
  ]);
  await wakeEngine(tx, 'deadline', passAt);
  return passAt;
}

interface DueRow {
  id: string | number;
  case_id: string;
  org_id: string;
  municipality_code: string;
  pass_at: Date | string;
  number: string;
  status: string;
  accepted_by_org_id: string | null;
  report: unknown;
  identity_number: string | null;
  basis: CaseBasis | null;
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/** Passes one batch of due office handovers; returns how many rows it claimed. */
export async function passDueHandovers(
  db: Db,
  directory: () => Promise<DirectorySnapshot>,
  now: Date,
  limit: number,
  instance: string,
  /** The audit log's person key (config.auditPersonKey): the register finds the pass by the child. */
  personKey: string,
): Promise<number> {
  const dir = await directory();
  return withTransaction(db, async (tx) => {
    const rows = await queryRows<DueRow>(
      tx,
      sql`select h.id, h.case_id, h.org_id, h.municipality_code, h.pass_at, c.number, c.status, c.accepted_by_org_id, c.report, c.identity_number, c.basis
            from case_handovers h join cases c on c.id = h.case_id
           where h.kind = 'office' and h.passed_at is null and h.ended_at is null and h.pass_at <= ${now.toISOString()}::timestamptz
           order by h.pass_at
           limit ${limit}
             for update of h, c skip locked`,
    );
    const audits: SystemAuditEntry[] = [];
    const notifications: NotificationInput[] = [];
    for (const r of rows) {
      const id = Number(r.id);
      if (r.status !== 'accepted') {
        // Closed (or otherwise finished) before the office opened: nothing left to pass.
        await tx.update(caseHandovers).set({ endedAt: now }).where(eq(caseHandovers.id, id));
        audits.push({ action: 'case.office_handover_ended', subjectType: 'case', subjectId: r.case_id, details: { number: r.number, status: r.status, instance } });
        continue;
      }
      // The calendar may have changed since the jour's kvittens (an exception, a closed day): the
      // office gets the case when it actually opens. Judged at the scheduled time, not at `now`,
      // so an engine that runs late still passes the case as of the opening it missed.
      const office = officeIntakeOf(dir, r.municipality_code);
      let passAt = toDate(r.pass_at);
      if (office && office.orgId === r.org_id && !isOpen(office.hours, passAt)) {
        const actual = nextOfficeOpening(office.hours, passAt);
        if (actual && actual.getTime() > now.getTime()) {
          await tx.update(caseHandovers).set({ passAt: actual }).where(eq(caseHandovers.id, id));
          audits.push({ action: 'case.office_handover_rescheduled', subjectType: 'case', subjectId: r.case_id, details: { number: r.number, passAt: actual.toISOString(), instance } });
          continue;
        }
        if (actual) passAt = actual;
      }
      await tx.update(caseHandovers).set({ passedAt: now }).where(and(eq(caseHandovers.id, id), isNull(caseHandovers.passedAt)));
      const [after] = await tx
        .update(cases)
        .set({ officePassedAt: now, version: sql`${cases.version} + 1`, updatedAt: now })
        .where(and(eq(cases.id, r.case_id), isNull(cases.officePassedAt)))
        .returning({ id: cases.id });
      if (!after) continue;
      const officeName = office?.name ?? r.org_id;
      const jourName = dir.jourGroups.find((j) => j.orgId === r.accepted_by_org_id)?.name ?? r.accepted_by_org_id;
      await tx.insert(caseEvents).values({
        caseId: r.case_id,
        at: now,
        actorUserId: null,
        actorOrgId: null,
        actorName: null,
        type: 'pass_to_office',
        fromStatus: r.status,
        toStatus: r.status,
        data: { officeOrgId: r.org_id, officeName, jourOrgId: r.accepted_by_org_id, jourName, passAt: passAt.toISOString() },
      });
      // The pass hands the case the jour held to the municipality's own office: another
      // organisation, so a disclosure, on the ground of the handover it continues (the jour group
      // holds the case for the municipality under their agreement). The engine discloses, no user.
      // Every field the jour was given, protected ones included: a register that names a field the
      // office sees only after its kvittens errs on the side of the child.
      if (r.accepted_by_org_id) {
        await recordDisclosure(tx, {
          kase: { id: r.case_id, number: r.number, identityNumber: r.identity_number },
          personKey,
          kind: 'office_pass',
          fromOrganisationId: r.accepted_by_org_id,
          toOrganisationId: r.org_id,
          fields: [...caseFields, ...reportFieldNames(r.report), 'decision.basis', 'decision.reasons'],
          legalGround: handoverGround(r.basis),
          actor: null,
          at: now,
        });
      }
      // The office's own clock, from the moment it opened (not from when this pass ran).
      await startClock(tx, { caseId: r.case_id, clock: 'office_acknowledge', startedAt: passAt, municipalityCode: r.municipality_code });
      audits.push({ action: 'case.passed_to_office', subjectType: 'case', subjectId: r.case_id, details: { number: r.number, officeOrgId: r.org_id, jourOrgId: r.accepted_by_org_id, passAt: passAt.toISOString(), instance } });
      notifications.push({
        topic: 'case.passed_to_office',
        caseId: r.case_id,
        caseNumber: r.number,
        orgIds: [r.org_id],
        text: `Ärende ${r.number} har tagits emot av jouren under natten och väntar nu på er kvittens.`,
        link: caseLink(r.case_id),
        dedupeKey: `case.passed_to_office:${r.case_id}`,
      });
      if (r.accepted_by_org_id) {
        notifications.push({
          topic: 'case.passed_to_office',
          caseId: r.case_id,
          caseNumber: r.number,
          orgIds: [r.accepted_by_org_id],
          text: `Ärende ${r.number} har överlämnats till ${officeName}.`,
          link: caseLink(r.case_id),
          dedupeKey: `case.passed_to_office:${r.case_id}:jour`,
        });
      }
    }
    await enqueueNotifications(tx, notifications, { now });
    await recordSystemAudits(tx, audits);
    return rows.length;
  });
}

export interface OfficeHandoverView {
  jourOrgId: string;
  officeOrgId: string;
  passAt: Date;
  passedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
}

/** The jour → office handover of each listed case that has one. */
export async function officeHandoversOf(db: Db | Tx, caseIds: readonly string[]): Promise<Map<string, OfficeHandoverView>> {
  const out = new Map<string, OfficeHandoverView>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .select()
    .from(caseHandovers)
    .where(sql`${caseHandovers.caseId} = any(${sql.param([...caseIds])}::uuid[])`);
  for (const office of rows.filter((r) => r.kind === 'office')) {
    const jour = rows.find((r) => r.kind === 'jour' && r.caseId === office.caseId);
    if (!jour) continue;
    out.set(office.caseId, {
      jourOrgId: jour.orgId,
      officeOrgId: office.orgId,
      passAt: office.passAt,
      passedAt: office.passedAt,
      acknowledgedAt: office.acknowledgedAt,
      acknowledgedByName: office.acknowledgedByName,
    });
  }
  return out;
}
