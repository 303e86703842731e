// The handover document (överlämnande av orosanmälan) as JSON: what the receiving municipality
// registers in its own case system (Treserva, Lifecare, Procapita, Combine …). The same content
// as the PDF. Published as JSON Schema in the OpenAPI document and in docs/handover-document.md;
// a change that is not backwards compatible raises `schemaVersion`.
//
// Skyddad identitet: the document never carries the child's or the guardians' addresses, where
// the child was found or is now, or with whom: those fields are null and named in
// `withheldFields`. The receiver reads them in envagin, where every read is audited.
import { z } from 'zod';

const nullableText = z.string().nullable();
const instant = z.iso.datetime({ offset: true });

export const HandoverDocument = z
  .object({
    schemaVersion: z.literal(1),
    documentType: z.literal('overlamnande_av_orosanmalan'),
    title: z.literal('Överlämnande av orosanmälan'),
    generatedAt: instant,
    case: z.object({
      number: z.string().describe('envagin case number, e.g. ENV-2026-000123'),
      receivedAt: instant.describe('When the report reached the authority (förvaltningslagen 22 §)'),
      receiptDate: z.iso.date(),
      urgency: z.enum(['acute', 'today', 'not_urgent']),
      urgencyLabel: z.string(),
      policeDiaryNumber: z.string(),
    }),
    sender: z.object({ organisationId: z.string(), name: z.string() }),
    receiver: z.object({
      organisationId: nullableText,
      name: z.string(),
      municipalityCode: nullableText,
      municipalityName: nullableText,
    }),
    protectedIdentity: z.boolean().describe('Skyddad identitet: addresses and places are withheld'),
    withheldFields: z.array(z.string()).describe('Fields left out because of skyddad identitet, as dotted paths'),
    child: z.object({
      identityKind: z.enum(['personnummer', 'samordningsnummer', 'unknown']),
      identityNumber: nullableText.describe('Normalised ÅÅÅÅMMDD-NNNN; null when unknown'),
      name: nullableText,
      ageAtReceipt: z.number().int().nullable(),
      estimatedAge: z.number().int().nullable(),
      description: nullableText,
    }),
    residence: z.object({ municipalityCode: nullableText, municipalityName: nullableText, address: nullableText }),
    found: z.object({ at: instant, municipalityCode: z.string(), municipalityName: nullableText, place: nullableText }),
    whereaboutsNow: z.object({ place: nullableText, withWhom: nullableText }),
    guardians: z.array(z.object({ name: z.string(), relation: z.string(), phone: nullableText, address: nullableText })),
    report: z.object({
      concern: z.string(),
      gangRisk: z.object({ types: z.array(z.string()), typeLabels: z.array(z.string()), description: nullableText }),
      policeRiskAssessment: nullableText,
      reportingOfficer: z.object({ name: z.string(), unit: z.string(), phone: z.string() }),
    }),
    decision: z.object({
      decidedAt: instant.nullable(),
      basis: z.enum(['own_residence', 'agreement', 'own_stay', 'none']).nullable(),
      basisLabel: nullableText,
      handlingLabel: nullableText,
      legalGround: z.string(),
      reasons: z.array(z.string()).describe('The decision explained, in Swedish'),
      overrideReason: nullableText.describe("A hub supervisor's written reason, when the rules were overridden"),
      agreementDnr: nullableText,
    }),
    contactAttempts: z.array(
      z.object({ at: instant, organisation: z.string(), label: z.string(), phone: z.string(), outcome: z.string(), outcomeLabel: z.string(), note: nullableText }),
    ),
    kvittens: z.object({
      acknowledged: z.boolean(),
      acceptedAt: instant.nullable(),
      organisation: nullableText,
      acceptedByName: nullableText,
      verbally: z.boolean().describe('Accepted on the phone and recorded by the hub'),
    }),
  })
  .describe('Överlämnande av orosanmälan (envagin handover document, version 1)');
export type HandoverDocument = z.infer<typeof HandoverDocument>;
