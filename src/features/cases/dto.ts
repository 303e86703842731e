// Response shapes of cases. What each reader gets depends on their relation to the case
// (present.ts): the police see their report, status and feedback; the hub what it handles; the
// receiving municipality the case it owns. Sections a reader may not see are absent.
import { z } from 'zod';
import { caseStatuses, transitions } from '../../domain/case-machine.ts';
import { RoutingContactDto as Contact } from '../routing/schemas.ts';
import { ReportBody } from './schemas.ts';

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
  /** What this reader may do now: the UI shows exactly these actions. */
  allowedActions: z.array(z.enum(Object.keys(transitions) as [keyof typeof transitions, ...(keyof typeof transitions)[]])),
});
export type CaseDto = z.infer<typeof CaseDto>;

export const CaseListDto = z.object({ cases: z.array(CaseSummaryDto), nextCursor: z.string().nullable() });

export const SubmitResultDto = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(caseStatuses),
  created: z.boolean(),
  duplicateFlag: z.boolean(),
  /** For the police after submitting: whom the hub is expected to contact (preliminary). */
  expectedContact: z.object({ municipality: z.string().nullable(), orgName: z.string().nullable() }),
});
