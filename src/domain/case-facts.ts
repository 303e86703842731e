// The pilot's evidence (DESIGN.md rule 11): one de-identified row of facts per case, computed
// from the case and its timeline alone, so that the stored row can always be checked against a
// recomputation. No identity number, name, address or free text goes in: municipalities, an
// age band, urgency, the kinds of gang-related risk, the routing outcome, when in the Stockholm
// week the report came, every milestone time, and how often each clock was breached and
// escalated. The row outlives gallring (the purge never touches it).
//
// Pure: instants in, a plain object out. Timeline events of kinds this function does not know
// (a transition added later) are ignored, never an error.
import { isOpen } from './calendar.ts';
import type { OpeningHours } from './directory-types.ts';
import { addDays, toStockholm } from './stockholm-time.ts';
import { isEve, isPublicHoliday } from './swedish-holidays.ts';

/**
 * Office hours as the pilot counts them: the agreement's standard intake hours, Monday–Friday
 * 08:00–17:00, closed on public holidays and eves, 08:00–13:00 on a weekday before a public
 * holiday. One county-wide definition (not each municipality's own exceptions), so "office vs
 * jour" means the same in every municipality and never changes with later directory edits.
 */
export const PILOT_OFFICE_HOURS: OpeningHours = {
  weekly: {
    1: [{ start: '08:00', end: '17:00' }],
    2: [{ start: '08:00', end: '17:00' }],
    3: [{ start: '08:00', end: '17:00' }],
    4: [{ start: '08:00', end: '17:00' }],
    5: [{ start: '08:00', end: '17:00' }],
  },
  closedOnPublicHolidays: true,
  closedOnEves: true,
  dayBeforeHoliday: [{ start: '08:00', end: '13:00' }],
  exceptions: [],
};

export const ageBands = ['0-11', '12-14', '15-17', '18+', 'unknown'] as const;
export type AgeBand = (typeof ageBands)[number];

export function ageBandOf(age: number | null): AgeBand {
  if (age === null || !Number.isFinite(age) || age < 0) return 'unknown';
  if (age < 12) return '0-11';
  if (age < 15) return '12-14';
  if (age < 18) return '15-17';
  return '18+';
}

/** What the fact function reads of the case row (a subset; every field survives gallring except `report`). */
export interface FactCaseInput {
  status: string;
  receivedAt: Date;
  urgency: string;
  foundMunicipalityCode: string;
  residenceCode: string | null;
  responsibleMunicipalityCode: string | null;
  identityKind: string;
  ageAtReceipt: number | null;
  basis: string | null;
  handling: string | null;
  duplicateFlag: boolean;
  /** The police report: only its gang-risk types are read; null once purged. */
  report: Record<string, unknown> | null;
  routing: Record<string, unknown> | null;
  skyddsbedomning: Record<string, unknown> | null;
  forhandsbedomning: Record<string, unknown> | null;
  feedback: Record<string, unknown> | null;
  forwardedTo: Record<string, unknown> | null;
}

/** One timeline event: only its kind, time and states are read (its data may be purged). */
export interface FactEvent {
  type: string;
  at: Date;
  toStatus: string | null;
}

/**
 * One clock run (a deadline row): breached or not, and how many escalation steps fired. Only
 * the engine changes these (src/jobs/claim-deadlines.ts), and it adds its increments to the
 * stored facts in its own transaction; case changes leave the tallies as they are.
 */
export interface FactClock {
  clock: string;
  breachedAt: Date | null;
  step: number;
}

/** A clock kind that was breached or escalated at least once; others are absent. */
export interface ClockTally {
  breaches: number;
  escalations: number;
}

export interface CaseFactValues {
  status: string;
  receivedAt: Date;
  /** Stockholm calendar date, hour 0–23 and ISO weekday 1–7 of the receipt. */
  receivedDate: string;
  receivedHour: number;
  receivedWeekday: number;
  /** Received within PILOT_OFFICE_HOURS; false = jour time. */
  officeHours: boolean;
  publicHoliday: boolean;
  eve: boolean;
  dayBeforeHoliday: boolean;
  /** The municipality the case counts for: responsible once decided, else the residence. */
  municipalityCode: string | null;
  residenceCode: string | null;
  foundCode: string;
  responsibleCode: string | null;
  ageBand: AgeBand;
  ageEstimated: boolean;
  urgency: string;
  gangRiskTypes: string[];
  basis: string | null;
  handling: string | null;
  inTargetGroup: boolean | null;
  /** Who was to answer at the handover decision: the office intake or a jour group. */
  handoverContactKind: string | null;
  claimedAt: Date | null;
  decidedAt: Date | null;
  firstContactAttemptAt: Date | null;
  handedOverAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedVerbally: boolean | null;
  skyddsbedomningAt: Date | null;
  skyddsbedomningOutcome: string | null;
  forhandsbedomningAt: Date | null;
  forhandsbedomningOutcome: string | null;
  feedbackAt: Date | null;
  feedbackWithheld: boolean | null;
  forwardedAt: Date | null;
  forwardedToCode: string | null;
  returnedAt: Date | null;
  closedAt: Date | null;
  refusals: number;
  releases: number;
  reopenings: number;
  contactAttempts: number;
  questions: number;
  linkedDuplicate: boolean;
  clocks: Record<string, ClockTally>;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

function gangRiskTypesOf(report: Record<string, unknown> | null): string[] | null {
  if (!report) return null;
  const types = (report.gangRisk as { types?: unknown } | undefined)?.types;
  if (!Array.isArray(types)) return [];
  return [...new Set(types.filter((t): t is string => typeof t === 'string'))].sort();
}

/**
 * The facts of one case. `previous` is the stored row: once the report is purged its gang-risk
 * types can no longer be read, so they are carried over from it.
 */
export function computeCaseFacts(
  kase: FactCaseInput,
  events: readonly FactEvent[],
  clocks: readonly FactClock[],
  previous?: Pick<CaseFactValues, 'gangRiskTypes'> | null,
): CaseFactValues {
  const ordered = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = (pred: (e: FactEvent) => boolean) => ordered.find(pred)?.at ?? null;
  const last = (pred: (e: FactEvent) => boolean) => ordered.findLast(pred)?.at ?? null;
  const count = (type: string) => ordered.filter((e) => e.type === type).length;
  const is = (...types: string[]) => (e: FactEvent) => types.includes(e.type);

  const local = toStockholm(kase.receivedAt);
  const date = local.date;
  const routing = kase.routing;
  const preliminary = routing?.preliminary === true;
  const contact = routing && !preliminary ? (routing.contact as { kind?: unknown } | null | undefined) : null;
  const acknowledgement = ordered.find(is('acknowledge', 'record_verbal_acknowledgement')) ?? null;

  const tallies = clockTallies(clocks);

  return {
    status: kase.status,
    receivedAt: kase.receivedAt,
    receivedDate: date,
    receivedHour: Math.floor(local.minutes / 60),
    receivedWeekday: local.weekday,
    officeHours: isOpen(PILOT_OFFICE_HOURS, kase.receivedAt),
    publicHoliday: isPublicHoliday(date),
    eve: isEve(date),
    dayBeforeHoliday: local.weekday <= 5 && !isPublicHoliday(date) && !isEve(date) && isPublicHoliday(addDays(date, 1)),
    municipalityCode: kase.responsibleMunicipalityCode ?? kase.residenceCode,
    residenceCode: kase.residenceCode,
    foundCode: kase.foundMunicipalityCode,
    responsibleCode: kase.responsibleMunicipalityCode,
    ageBand: ageBandOf(kase.ageAtReceipt),
    ageEstimated: kase.identityKind === 'unknown',
    urgency: kase.urgency,
    gangRiskTypes: gangRiskTypesOf(kase.report) ?? previous?.gangRiskTypes ?? [],
    basis: kase.basis,
    handling: kase.handling,
    inTargetGroup: bool(routing?.inTargetGroup),
    handoverContactKind: kase.handling === 'handover' ? str(contact?.kind) : null,
    claimedAt: first(is('claim')),
    decidedAt: first(is('decide')),
    firstContactAttemptAt: first(is('log_contact_attempt')),
    handedOverAt: first((e) => e.type === 'decide' && e.toStatus === 'handover_pending'),
    acknowledgedAt: acknowledgement?.at ?? null,
    acknowledgedVerbally: acknowledgement ? acknowledgement.type === 'record_verbal_acknowledgement' : null,
    skyddsbedomningAt: first(is('record_skyddsbedomning')),
    skyddsbedomningOutcome: str(kase.skyddsbedomning?.outcome),
    forhandsbedomningAt: first(is('record_forhandsbedomning')),
    forhandsbedomningOutcome: str(kase.forhandsbedomning?.decision),
    feedbackAt: first(is('send_feedback')),
    feedbackWithheld: kase.feedback ? bool(kase.feedback.withheld) : null,
    forwardedAt: first(is('forward')),
    forwardedToCode: str(kase.forwardedTo?.municipalityCode),
    returnedAt: first(is('return')),
    closedAt: kase.status === 'closed' ? last(is('close')) : null,
    refusals: count('refuse'),
    releases: count('release'),
    reopenings: count('reopen'),
    contactAttempts: count('log_contact_attempt'),
    questions: count('message_question'),
    linkedDuplicate: kase.duplicateFlag,
    clocks: tallies,
  };
}

/** Breaches and escalation steps per clock kind, over every run of each clock. */
export function clockTallies(clocks: readonly FactClock[]): Record<string, ClockTally> {
  const tallies: Record<string, ClockTally> = {};
  for (const c of clocks) {
    const breaches = c.breachedAt ? 1 : 0;
    const escalations = Math.max(0, c.step);
    if (breaches === 0 && escalations === 0) continue;
    const t = (tallies[c.clock] ??= { breaches: 0, escalations: 0 });
    t.breaches += breaches;
    t.escalations += escalations;
  }
  return tallies;
}
