// API shapes of cases. The report is the police form: every limit and message is the one the
// web form shows, and input is strict (unknown fields are rejected, not silently dropped). What
// each reader gets back depends on their relation to the case (features/cases/present.ts): the
// police see their report, status and feedback; the hub what it handles; the receiving
// municipality the case it owns. Sections a reader may not see are absent. Status and action
// names are the case machine's own (src/domain/case-machine.ts).
import { z } from 'zod';
import { caseStatuses, transitions, type TransitionName } from '../../domain/case-machine.ts';
import { Kommunkod } from './common.ts';
import { RoutingContactDto as Contact } from './routing.ts';

export type { TransitionName };

/** Required text: trimmed, not empty, at most `max` characters. */
export const text = (max: number, message = 'Fältet måste fyllas i') => z.string().trim().min(1, message).max(max);
export const Phone = z.string().trim().regex(/^\+?[0-9][0-9 -]{5,20}$/, 'Ange ett telefonnummer, t.ex. 070-174 06 12');

export const urgencies = ['acute', 'today', 'not_urgent'] as const;
export const gangRiskTypes = ['recruited', 'exploited', 'threatened', 'in_conflict', 'other'] as const;

const KnownChild = z.strictObject({
  identityKind: z.literal('known'),
  /** Personnummer or samordningsnummer, 10 or 12 digits, with or without separator. */
  identityNumber: z.string().trim().min(10, 'Ange personnummer eller samordningsnummer').max(13),
  name: text(200).optional(),
});
const UnknownChild = z.strictObject({
  identityKind: z.literal('unknown'),
  name: text(200, 'Ange namn som det uppgetts, eller "okänt"'),
  estimatedAge: z.number().int('Ange uppskattad ålder i hela år').min(0).max(25),
  description: text(2000, 'Beskriv barnet (utseende, kläder, språk)'),
});

export const Guardian = z.strictObject({
  name: text(200),
  relation: text(60),
  phone: Phone.optional(),
  address: z.string().trim().max(300).optional(),
});

export const ReportBody = z.strictObject({
  policeDiaryNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 /-]{2,39}$/, 'Ange polisens diarienummer, t.ex. 5000-K123456-26'),
  reportingOfficer: z.strictObject({ name: text(200), unit: text(200), phone: Phone }),
  found: z.strictObject({
    at: z.iso.datetime({ offset: true, message: 'Ange tidpunkt' }),
    municipalityCode: Kommunkod,
    place: text(300),
  }),
  child: z.discriminatedUnion('identityKind', [KnownChild, UnknownChild]),
  residence: z.strictObject({
    /** null when not known. */
    municipalityCode: Kommunkod.nullable(),
    address: z.string().trim().max(300).optional(),
  }),
  protectedIdentity: z.boolean(),
  guardians: z.array(Guardian).max(4).default([]),
  concern: text(5000, 'Beskriv vad som hänt och varför det finns oro'),
  gangRisk: z.strictObject({
    types: z.array(z.enum(gangRiskTypes)).min(1, 'Välj minst en typ av risk').max(5),
    description: z.string().trim().max(3000).default(''),
  }),
  policeRiskAssessment: z.string().trim().max(3000).optional(),
  whereaboutsNow: z.strictObject({ place: text(300), withWhom: z.string().trim().max(300).default('') }),
  urgency: z.enum(urgencies),
});
export type ReportBody = z.infer<typeof ReportBody>;

const Json = z.record(z.string(), z.unknown());

export const CaseSummaryDto = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(caseStatuses),
  statusLabel: z.string(),
  urgency: z.enum(['acute', 'today', 'not_urgent']),
  receivedAt: z.iso.datetime(),
  foundMunicipalityCode: z.string(),
  residenceCode: z.string().nullable(),
  responsibleMunicipalityCode: z.string().nullable(),
  ageAtReceipt: z.number().nullable(),
  assignedToMe: z.boolean(),
  claimed: z.boolean(),
  duplicateFlag: z.boolean(),
  version: z.number(),
  /** The earliest running deadline of the case (for countdowns), and whether any has passed. */
  nextDue: z.object({ clock: z.string(), dueAt: z.iso.datetime() }).nullable(),
  breached: z.boolean(),
  escalationStep: z.number(),
  /**
   * The hub's most pressing running clock (src/domain/hub-attention.ts), or null when the case
   * needs nothing from the hub now (kvitterad by another municipality, or finished).
   */
  hubClock: z.object({ clock: z.string(), dueAt: z.iso.datetime(), breached: z.boolean(), escalationStep: z.number() }).nullable(),
  /** Which unit acknowledged (kvitterade) the handover, and when; null before that. */
  acceptedBy: z.object({ orgName: z.string(), personName: z.string().nullable(), at: z.iso.datetime() }).nullable(),
  /**
   * Jour → office: a case a jour group kvitterade at night, and its way to the municipality's
   * office intake: when the office opens (passAt), when it was passed, when the office kvitterade.
   * null for a case that never was with a jour group.
   */
  fromJour: z
    .object({
      jourOrgId: z.string(),
      jourName: z.string(),
      officeOrgId: z.string(),
      officeName: z.string(),
      passAt: z.iso.datetime(),
      passedAt: z.iso.datetime().nullable(),
      officeAcknowledgedAt: z.iso.datetime().nullable(),
      officeAcknowledgedByName: z.string().nullable(),
    })
    .nullable(),
  /**
   * The reader is the jour group that held the case at night and the office has kvitterat: it
   * sees its own entries only (its notes, its skyddsbedömning, its kvittens), until the case closes.
   */
  ownEntriesOnly: z.boolean(),
});

export const CaseDto = CaseSummaryDto.extend({
  receiptDate: z.string(),
  policeDiaryNumber: z.string(),
  identityKind: z.enum(['personnummer', 'samordningsnummer', 'unknown']),
  protectedIdentity: z.boolean(),
  linkedCaseId: z.uuid().nullable(),
  /** The report as filed; protected address fields are removed for readers who do not need them. */
  report: ReportBody.nullable(),
  hiddenFields: z.array(z.string()),
  routing: Json.nullable(),
  basis: z.string().nullable(),
  handling: z.string().nullable(),
  overrideReason: z.string().nullable().optional(),
  handover: z.object({
    orgId: z.string().nullable(),
    startedAt: z.iso.datetime().nullable(),
    acceptedAt: z.iso.datetime().nullable(),
    acceptedByOrgId: z.string().nullable(),
    acceptedByName: z.string().nullable(),
    acceptedVerbally: z.boolean(),
    /** Hub: the call since the handover began that reached the receiver ("Nådd"), if any. */
    reached: z.object({ at: z.iso.datetime(), orgName: z.string(), label: z.string(), phone: z.string() }).nullable().optional(),
  }),
  /** Hub, while handing over: whom to call now (skipping numbers that just went unanswered) and who next. */
  callNow: z.object({ contact: Contact.nullable(), next: z.array(Contact), reasons: z.array(z.string()) }).optional(),
  contactAttempts: z
    .array(z.object({ at: z.iso.datetime(), orgName: z.string(), label: z.string(), phone: z.string(), outcome: z.string(), note: z.string().nullable() }))
    .optional(),
  skyddsbedomning: Json.nullable().optional(),
  forhandsbedomning: Json.nullable().optional(),
  feedback: Json.nullable().optional(),
  forwardedTo: Json.nullable().optional(),
  returnReason: z.string().nullable().optional(),
  closedAt: z.iso.datetime().nullable(),
  messages: z.array(
    z.object({
      id: z.uuid(),
      at: z.iso.datetime(),
      authorName: z.string(),
      authorOrgId: z.string(),
      kind: z.enum(['question', 'answer', 'note']),
      body: z.string().nullable(),
      replyToId: z.uuid().nullable(),
      answeredAt: z.iso.datetime().nullable(),
      readBy: z.array(z.object({ orgId: z.string(), readAt: z.iso.datetime() })),
    }),
  ),
  timeline: z.array(
    z.object({ at: z.iso.datetime(), type: z.string(), actorName: z.string().nullable(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), data: Json }),
  ),
  /** The case's clocks (deadlines), for the hub and the receiving municipality: countdowns in the UI. */
  clocks: z
    .array(
      z.object({
        clock: z.string(),
        subjectId: z.string().nullable(),
        startedAt: z.iso.datetime(),
        dueAt: z.iso.datetime(),
        breachedAt: z.iso.datetime().nullable(),
        stoppedAt: z.iso.datetime().nullable(),
        escalationStep: z.number(),
      }),
    )
    .optional(),
  /** Whether this reader may fetch the handover document now (GET /cases/:id/handover-document.pdf|.json). */
  handoverDocument: z.boolean(),
  /** What this reader may do now: the UI shows exactly these actions. */
  allowedActions: z.array(z.enum(Object.keys(transitions) as [keyof typeof transitions, ...(keyof typeof transitions)[]])),
});
export type CaseDto = z.infer<typeof CaseDto>;

export const CaseListDto = z.object({
  cases: z.array(CaseSummaryDto),
  nextCursor: z.string().nullable(),
  /** With order=attention: every open case in scope counted, "försenade" by the one definition of src/domain/hub-attention.ts. */
  counts: z.object({ open: z.number(), unclaimed: z.number(), overdue: z.number() }).optional(),
});

export const SubmitResultDto = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(caseStatuses),
  created: z.boolean(),
  duplicateFlag: z.boolean(),
  /** For the police after submitting: whom the hub is expected to contact (preliminary). */
  expectedContact: z.object({ municipality: z.string().nullable(), orgName: z.string().nullable() }),
});
