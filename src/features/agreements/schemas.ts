// Request shapes of the agreement routes; what they answer is in the contract (src/shared/api/agreements.ts).
import { z } from 'zod';
import { IsoDate, Kommunkod } from '../../shared/api/common.ts';

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
