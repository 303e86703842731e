// API shapes of routing that the server sends: whom the hub must call and why, and the gaps in
// the county's coverage.
import { z } from 'zod';

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

export const CoverageDto = z.object({
  from: z.string(),
  days: z.number(),
  gaps: z.array(z.object({ municipalityCode: z.string(), municipalityName: z.string(), start: z.iso.datetime(), end: z.iso.datetime() })),
});
