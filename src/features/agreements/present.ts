// Agreement row → response (src/shared/api/agreements.ts).
import type { z } from 'zod';
import type { AgreementRow } from '../../db/types.ts';
import { isAgreementInForce } from '../../domain/agreements.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';
import type { AgreementDto } from '../../shared/api/agreements.ts';

export function presentAgreement(a: AgreementRow, municipalityName: string, now: Date): z.infer<typeof AgreementDto> {
  return {
    id: a.id,
    municipalityCode: a.municipalityCode,
    municipalityName,
    decidedBy: a.decidedBy,
    dnr: a.dnr,
    decisionDate: a.decisionDate,
    validFrom: a.validFrom,
    validTo: a.validTo,
    terminatedFrom: a.terminatedFrom,
    inForceToday: isAgreementInForce(a, stockholmDate(now)),
  };
}
