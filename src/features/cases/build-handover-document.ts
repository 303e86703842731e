// The handover document's content (src/shared/api/handover-document.ts) from a case, its call
// log and the directory: one builder for the JSON and the PDF, so both always say the same. For a
// child with skyddad identitet every address and place is left out, whoever downloads it and
// whatever the case's state: the document leaves envagin for another system, where envagin's
// audit of each read no longer follows it.
import { handoverGround, protectedReportFields, reportFieldNames } from '../../domain/disclosures.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import type { HandoverDocument } from '../../shared/api/handover-document.ts';
import type { ReportBody } from '../../shared/api/cases.ts';
import { uiText, type UiKey } from '../../shared/messages.ts';
import { municipalityName } from '../../shared/municipalities.ts';
import { orgNameOf } from './present.ts';
import type { CaseRow, listAttempts } from './queries.ts';

const ui = uiText.sv;
const say = (map: Record<string, UiKey>, value: string | null | undefined): string | null => (value && map[value] ? ui[map[value]] : null);

const URGENCY: Record<string, UiKey> = { acute: 'urgencyAcute', today: 'urgencyToday', not_urgent: 'urgencyNotUrgent' };
const GANG: Record<string, UiKey> = { recruited: 'gangRecruited', exploited: 'gangExploited', threatened: 'gangThreatened', in_conflict: 'gangInConflict', other: 'gangOther' };
const BASIS: Record<string, UiKey> = { own_residence: 'basisOwnResidence', agreement: 'basisAgreement', own_stay: 'basisOwnStay', none: 'basisNone' };
const HANDLING: Record<string, UiKey> = { own: 'handlingOwn', handover: 'handlingHandover', forward: 'handlingForward', return: 'handlingReturn' };
const OUTCOME: Record<string, UiKey> = { no_answer: 'outcomeNoAnswer', busy: 'outcomeBusy', reached: 'outcomeReached', voicemail: 'outcomeVoicemail' };

/** What skyddad identitet keeps out of the document: the fields the case view hides, and with whom the child is. */
export const WITHHELD_WHEN_PROTECTED = [...protectedReportFields, 'whereaboutsNow.withWhom'] as const;

/** The document's meta fields, which are no data of the case. */
const META = new Set(['schemaVersion', 'documentType', 'title', 'generatedAt', 'protectedIdentity', 'sender.organisationId', 'sender.name', 'receiver.organisationId', 'receiver.name', 'receiver.municipalityCode', 'receiver.municipalityName']);

/** The fields a document discloses, by name: every filled-in field of the case in it. */
export function documentFields(doc: HandoverDocument): string[] {
  return reportFieldNames(doc).filter((f) => !META.has(f) && !f.startsWith('withheldFields'));
}

interface Input {
  row: CaseRow;
  attempts: Awaited<ReturnType<typeof listAttempts>>;
  dir: DirectorySnapshot;
  now: Date;
}

export function buildHandoverDocument({ row, attempts, dir, now }: Input): HandoverDocument {
  const report = row.report as ReportBody | null;
  if (!report) throw new Error('buildHandoverDocument: the report is purged');
  const hide = row.protectedIdentity;
  const keep = <T,>(value: T | undefined | null | ''): T | null => (hide || value === undefined || value === '' ? null : value);
  const routing = (row.routing ?? {}) as { reasons?: string[]; agreement?: { dnr?: string } | null };
  const receiverId = row.acceptedByOrgId ?? row.handoverOrgId;
  const child = report.child;
  const filled = reportFieldNames(report);
  const withheld = hide ? (WITHHELD_WHEN_PROTECTED as readonly string[]).filter((f) => filled.includes(f)) : [];
  return {
    schemaVersion: 1,
    documentType: 'overlamnande_av_orosanmalan',
    title: 'Överlämnande av orosanmälan',
    generatedAt: now.toISOString(),
    case: {
      number: row.number,
      receivedAt: row.receivedAt.toISOString(),
      receiptDate: row.receiptDate,
      urgency: row.urgency,
      urgencyLabel: say(URGENCY, row.urgency) ?? row.urgency,
      policeDiaryNumber: row.policeDiaryNumber,
    },
    sender: { organisationId: dir.hub.orgId, name: dir.hub.name },
    receiver: {
      organisationId: receiverId,
      name: orgNameOf(dir, receiverId) ?? municipalityName(row.responsibleMunicipalityCode ?? '') ?? 'Ansvarig kommun',
      municipalityCode: row.responsibleMunicipalityCode,
      municipalityName: municipalityName(row.responsibleMunicipalityCode ?? '') ?? null,
    },
    protectedIdentity: row.protectedIdentity,
    withheldFields: withheld,
    child: {
      identityKind: row.identityKind,
      identityNumber: row.identityNumber,
      name: child.name ?? null,
      ageAtReceipt: row.ageAtReceipt,
      estimatedAge: child.identityKind === 'unknown' ? child.estimatedAge : null,
      description: child.identityKind === 'unknown' ? child.description : null,
    },
    residence: {
      municipalityCode: report.residence.municipalityCode,
      municipalityName: municipalityName(report.residence.municipalityCode ?? '') ?? null,
      address: keep(report.residence.address),
    },
    found: { at: report.found.at, municipalityCode: report.found.municipalityCode, municipalityName: municipalityName(report.found.municipalityCode) ?? null, place: keep(report.found.place) },
    whereaboutsNow: { place: keep(report.whereaboutsNow.place), withWhom: keep(report.whereaboutsNow.withWhom) },
    guardians: report.guardians.map((g) => ({ name: g.name, relation: g.relation, phone: g.phone ?? null, address: keep(g.address) })),
    report: {
      concern: report.concern,
      gangRisk: { types: report.gangRisk.types, typeLabels: report.gangRisk.types.map((x) => say(GANG, x) ?? x), description: report.gangRisk.description || null },
      policeRiskAssessment: report.policeRiskAssessment || null,
      reportingOfficer: report.reportingOfficer,
    },
    decision: {
      decidedAt: row.decidedAt?.toISOString() ?? null,
      basis: row.basis,
      basisLabel: say(BASIS, row.basis),
      handlingLabel: say(HANDLING, row.handling),
      legalGround: handoverGround(row.basis),
      reasons: routing.reasons ?? [],
      overrideReason: row.overrideReason,
      agreementDnr: routing.agreement?.dnr ?? null,
    },
    contactAttempts: attempts.map((a) => ({
      at: a.at.toISOString(),
      organisation: a.orgName,
      label: a.label,
      phone: a.phone,
      outcome: a.outcome,
      outcomeLabel: say(OUTCOME, a.outcome) ?? a.outcome,
      note: a.note || null,
    })),
    kvittens: {
      acknowledged: row.acceptedAt !== null,
      acceptedAt: row.acceptedAt?.toISOString() ?? null,
      organisation: orgNameOf(dir, row.acceptedByOrgId),
      acceptedByName: row.acceptedByName,
      verbally: row.acceptedVerbally,
    },
  };
}
