// API shapes of cases. The report schema is the police form; every limit and message is the one
// the web form shows. Input is strict: unknown fields are rejected, not silently dropped.
import { z } from 'zod';
import { Kommunkod } from '../directory/schemas.ts';

const text = (max: number, message = 'Fältet måste fyllas i') => z.string().trim().min(1, message).max(max);
const Phone = z.string().trim().regex(/^\+?[0-9][0-9 -]{5,20}$/, 'Ange ett telefonnummer, t.ex. 070-174 06 12');

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

export const CaseIdParams = z.strictObject({ id: z.uuid('Ogiltigt ärende-id') });

export const DecisionBody = z.strictObject({
  /** A hub supervisor may override the computed decision, with a written reason. */
  override: z
    .strictObject({
      handling: z.enum(['own', 'handover', 'forward', 'return']),
      responsibleMunicipalityCode: Kommunkod.optional(),
      reason: text(1000, 'Ange skälet till att beslutet ändras'),
    })
    .optional(),
});

export const ContactAttemptBody = z.strictObject({
  orgName: text(200),
  label: text(100),
  phone: Phone,
  orgId: z.string().max(64).nullable().optional(),
  outcome: z.enum(['no_answer', 'busy', 'reached', 'voicemail']),
  note: z.string().trim().max(1000).optional(),
});

export const VerbalAcknowledgementBody = z.strictObject({
  acceptedByName: text(200, 'Ange namnet på den som tog emot ärendet'),
  orgId: z.string().max(64).optional(),
});

export const ReasonBody = z.strictObject({ reason: text(2000, 'Ange ett skäl') });

export const ForwardBody = z.strictObject({
  municipalityCode: Kommunkod,
  channel: z.enum(['email', 'phone', 'letter', 'other']),
  address: text(300, 'Ange vart ärendet skickades (e-post, nummer eller adress)'),
  note: z.string().trim().max(2000).optional(),
});

export const SkyddsbedomningBody = z.strictObject({
  assessedAt: z.iso.datetime({ offset: true }),
  outcome: z.enum(['immediate_protection_needed', 'no_immediate_protection_needed']),
  measures: z.string().trim().max(3000).default(''),
});

export const ForhandsbedomningBody = z.strictObject({
  decision: z.enum(['inleda_utredning', 'inte_inleda', 'redan_pagaende']),
  decidedOn: z.iso.date(),
  note: z.string().trim().max(3000).default(''),
});

export const FeedbackBody = z
  .strictObject({
    withheld: z.boolean(),
    withheldReason: z.string().trim().max(2000).optional(),
    message: z.string().trim().max(2000).default(''),
  })
  .refine((b) => !b.withheld || (b.withheldReason ?? '').length > 0, {
    message: 'Ange varför återkopplingen inte lämnas',
    path: ['withheldReason'],
  });

export const MessageBody = z.strictObject({
  kind: z.enum(['question', 'answer', 'note']),
  body: text(5000),
  replyToId: z.uuid().optional(),
});

export const ListQuery = z.strictObject({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque keyset cursor from the previous page. */
  cursor: z.string().max(200).optional(),
});
