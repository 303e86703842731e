import { z } from 'zod';
import { Kommunkod } from '../directory/schemas.ts';

const IsoDate = z.iso.date('Ange datum som ÅÅÅÅ-MM-DD');

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

export const CreateAgreementBody = z
  .strictObject({
    municipalityCode: Kommunkod,
    decidedBy: z.string().trim().min(1, 'Ange beslutande organ eller delegat').max(200),
    dnr: z.string().trim().min(1, 'Ange diarienummer').max(60),
    decisionDate: IsoDate,
    validFrom: IsoDate,
    validTo: IsoDate.nullable(),
  })
  .refine((a) => a.validTo === null || a.validTo >= a.validFrom, { message: 'Slutdatum får inte vara före startdatum', path: ['validTo'] });

export const TerminateAgreementBody = z.strictObject({
  terminatedFrom: IsoDate,
  reason: z.string().trim().min(1, 'Ange varför').max(500),
});

export const AgreementIdParam = z.strictObject({ id: z.uuid('Ogiltigt avtals-id') });
