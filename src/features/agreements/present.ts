// Agreement row → response (src/shared/api/agreements.ts).
import type { z } from 'zod';
import type { AgreementRow } from '../../db/types.ts';
import { isAgreementInForce } from '../../domain/agreements.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';
import type { AgreementDto } from '../../shared/api/agreements.ts';
import { agreementOf } from '../directory/load-directory.ts';

export function presentAgreement(a: AgreementRow, municipalityName: string, now: Date): z.infer<typeof AgreementDto> {
  return {
    id: a.id,
    ...agreementOf(a),
    municipalityName,
    inForceToday: isAgreementInForce(a, stockholmDate(now)),
  };
}
