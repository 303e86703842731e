// API shape of a collaboration agreement as the server sends it.
import { z } from 'zod';

export const AgreementDto = z.object({
  id: z.uuid(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  decidedBy: z.string(),
  dnr: z.string(),
  decisionDate: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  terminatedFrom: z.string().nullable(),
  inForceToday: z.boolean(),
});
