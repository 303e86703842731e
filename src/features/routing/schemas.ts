import { z } from 'zod';
import { Kommunkod } from '../directory/schemas.ts';

export const RoutingQuery = z.strictObject({
  residence: z.union([Kommunkod, z.literal('unknown')]),
  found: Kommunkod,
  age: z.coerce.number().int('Ålder anges i hela år').min(0).max(130),
  /** Receipt time (ISO 8601 with offset); default now. */
  at: z.iso.datetime({ offset: true, message: 'Ange tid enligt ISO 8601, t.ex. 2026-06-19T23:00:00+02:00' }).optional(),
});

export const RoutingContactDto = z.object({
  kind: z.enum(['office', 'jour']),
  orgId: z.string().nullable(),
  orgName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  label: z.string(),
});

export const RoutingDecisionDto = z.object({
  inTargetGroup: z.boolean(),
  basis: z.enum(['own_residence', 'agreement', 'own_stay', 'none']),
  handling: z.enum(['own', 'handover', 'forward', 'return']),
  responsibleMunicipality: z.object({ code: z.string(), name: z.string() }).nullable(),
  contact: RoutingContactDto.nullable(),
  chain: z.array(RoutingContactDto),
  agreement: z
    .object({ dnr: z.string(), validFrom: z.string(), validTo: z.string().nullable(), decidedBy: z.string(), decisionDate: z.string() })
    .nullable(),
  reasons: z.array(z.string()),
  receiptDate: z.string(),
});

export const CoverageQuery = z.strictObject({
  from: z.iso.date('Ange datum som ÅÅÅÅ-MM-DD'),
  days: z.coerce.number().int().min(1).max(400).default(7),
});

export const CoverageDto = z.object({
  from: z.string(),
  days: z.number(),
  gaps: z.array(z.object({ municipalityCode: z.string(), municipalityName: z.string(), start: z.iso.datetime(), end: z.iso.datetime() })),
});
