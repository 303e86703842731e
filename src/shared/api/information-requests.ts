// The API shapes of information requests (issue 20), shared by the server, the web app and the
// OpenAPI document. The names of kinds, states and steps are the domain's own
// (src/domain/information-requests.ts).
import { z } from 'zod';
import {
  affiliationAnswers,
  requestKinds,
  requestStates,
  requestSteps,
  requestUrgencies,
  riskLevels,
} from '../../domain/information-requests.ts';
import { IsoDate } from './common.ts';

const text = (max: number, message = 'Fältet måste fyllas i') => z.string().trim().min(1, message).max(max);

export const RequestIdParams = z.strictObject({ requestId: z.uuid('Ogiltigt id för förfrågan') });
export const LegalGroundIdParams = z.strictObject({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'Ogiltigt id') });

export const SendRequestBody = z.strictObject({
  /** An organisation, never a person. */
  addressedOrgId: text(100, 'Välj vem förfrågan ställs till'),
  kinds: z
    .array(z.enum(requestKinds, 'Okänt slag av uppgift'))
    .min(1, 'Välj minst ett slag av uppgift')
    .max(requestKinds.length)
    .refine((k) => new Set(k).size === k.length, 'Samma slag två gånger'),
  text: text(3000, 'Beskriv vad ni behöver veta och varför'),
  legalGroundId: text(60, 'Välj rättslig grund'),
  urgency: z.enum(requestUrgencies, 'Välj brådskande eller normal'),
  /** When the answer is needed; without it: 24 hours when urgent, else the policy's deadline. */
  deadline: z.iso.datetime({ offset: true, message: 'Ange tidpunkt med tidszon' }).optional(),
});
export type SendRequestBody = z.infer<typeof SendRequestBody>;

export const RiskAnswer = z.strictObject({
  level: z.enum(riskLevels, 'Välj riskbedömningens nivå'),
  /** The date of the police's own assessment. */
  assessedOn: IsoDate,
  knownAffiliation: z.enum(affiliationAnswers, 'Ange om tillhörighet är känd'),
  groupDesignation: z.string().trim().max(200).optional(),
});

export const AnswerRequestBody = z
  .strictObject({
    text: text(5000, 'Skriv svaret'),
    /** Required when a risk assessment was asked for, refused otherwise. */
    risk: RiskAnswer.optional(),
  })
  .refine((b) => !b.risk || b.risk.knownAffiliation === 'yes' || !b.risk.groupDesignation, {
    path: ['risk', 'groupDesignation'],
    message: 'Gruppering anges bara när tillhörighet är känd',
  });
export type AnswerRequestBody = z.infer<typeof AnswerRequestBody>;

export const DeclineRequestBody = z.strictObject({ reason: text(2000, 'Ange skälet till att förfrågan avböjs') });
export const WithdrawRequestBody = z.strictObject({ reason: z.string().trim().max(2000).optional() });

/**
 * Making another authority party discloses the case's identity to it (case number, the child's
 * initials and birth year), so the request names the legal ground, as an information request does.
 */
export const AddPartyBody = z.strictObject({ orgId: text(100, 'Välj myndighet'), legalGroundId: text(60, 'Välj en rättslig grund') });

export const InboxQuery = z.strictObject({
  box: z.enum(['incoming', 'outgoing', 'all']).default('all'),
  state: z.enum(['open', 'all']).default('all'),
});

const OrgRef = z.object({ orgId: z.string(), name: z.string() });
const Step = z.object({ at: z.iso.datetime(), by: z.string() });

export const RequestDto = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  /** The least identity of the child, for another authority only (initials, birth year); null for everyone else, who opens the case. */
  child: z.object({ initials: z.string().nullable(), birthYear: z.number().int().nullable() }).nullable(),
  asking: OrgRef,
  addressed: OrgRef,
  kinds: z.array(z.enum(requestKinds)),
  text: z.string(),
  legalGround: z.object({ id: z.string(), citation: z.string() }),
  urgency: z.enum(requestUrgencies),
  deadlineAt: z.iso.datetime(),
  state: z.enum(requestStates),
  sent: Step,
  received: Step.nullable(),
  answered: Step.nullable(),
  declined: Step.extend({ reason: z.string() }).nullable(),
  withdrawn: Step.extend({ reason: z.string().nullable() }).nullable(),
  answer: z
    .object({
      text: z.string(),
      risk: z.object({ level: z.enum(riskLevels), assessedOn: z.string(), knownAffiliation: z.enum(affiliationAnswers), groupDesignation: z.string().nullable() }).nullable(),
    })
    .nullable(),
  /** The reader's organisation's part in it, and the steps it may take now. */
  parts: z.array(z.enum(['asker', 'addressee', 'responsible_municipality'])),
  steps: z.array(z.enum(requestSteps)),
  /** The request's clock while it runs. */
  clock: z.object({ dueAt: z.iso.datetime(), breached: z.boolean(), escalationStep: z.number().int() }).nullable(),
});
export type RequestDto = z.infer<typeof RequestDto>;

export const RequestListDto = z.object({ requests: z.array(RequestDto) });

export const CaseRequestsDto = z.object({
  requests: z.array(RequestDto),
  /** Whom the reader may ask about this case now (empty: the reader may not ask). */
  addressees: z.array(z.object({ orgId: z.string(), name: z.string(), kind: z.string() })),
  /** Other authorities party to the case (shown to social services). */
  parties: z.array(z.object({ orgId: z.string(), name: z.string(), addedAt: z.iso.datetime() })),
  /** Authorities the reader may make party to the case now. */
  authorities: z.array(OrgRef),
});

export const PartyCaseDto = z.object({
  caseId: z.uuid(),
  caseNumber: z.string(),
  initials: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  addedAt: z.iso.datetime(),
});

export const LegalGroundDto = z.object({ id: z.string(), citation: z.string(), description: z.string(), retiredAt: z.iso.datetime().nullable() });

export const AddLegalGroundBody = z.strictObject({
  id: LegalGroundIdParams.shape.id,
  citation: text(200, 'Ange lagrummet, t.ex. 10 kap. 28 § OSL'),
  description: text(1000, 'Beskriv vad grunden medger'),
});

/** A correction of a ground's texts; its id never changes. */
export const EditLegalGroundBody = AddLegalGroundBody.omit({ id: true });
