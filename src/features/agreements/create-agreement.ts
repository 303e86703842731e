// Registers a municipality's decision to join the collaboration. It gives the `agreement` basis
// only from validFrom and only if the decision was taken by then (rule 2); the register keeps
// every agreement, so the basis on any past receipt date can be explained.
import { eq } from 'drizzle-orm';
import { agreements, municipalities } from '../../db/schema.ts';
import type { AgreementRow, Tx } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { recordDirectoryChange } from '../directory/record-directory-change.ts';

export interface NewAgreement {
  municipalityCode: string;
  decidedBy: string;
  dnr: string;
  decisionDate: string;
  validFrom: string;
  validTo: string | null;
}

export async function createAgreement(tx: Tx, input: { actor: Actor; agreement: NewAgreement; requestId: string }): Promise<AgreementRow> {
  const [municipality] = await tx.select().from(municipalities).where(eq(municipalities.code, input.agreement.municipalityCode));
  if (!municipality) {
    throw new AppError('VALIDATION_FAILED', 'Okänd kommunkod.', [{ path: 'body.municipalityCode', message: 'Okänd kommunkod' }]);
  }
  if (!municipality.inCounty || municipality.code === '0180') {
    throw new AppError('VALIDATION_FAILED', 'Avtal kan bara ingås med de andra kommunerna i Stockholms län.', [
      { path: 'body.municipalityCode', message: 'Inte en samverkande kommun i länet' },
    ]);
  }
  const [row] = await tx.insert(agreements).values(input.agreement).returning();
  await recordDirectoryChange(tx, {
    actor: input.actor,
    entityType: 'agreement',
    entityId: row!.id,
    action: 'agreement_created',
    before: null,
    after: input.agreement,
    requestId: input.requestId,
  });
  return row!;
}
