// Ends an agreement from a date (inclusive), with the directory history and audit rows in the
// same transaction. A terminated agreement cannot be terminated again.
import { eq } from 'drizzle-orm';
import { agreements } from '../../db/schema.ts';
import type { AgreementRow, Tx } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { recordDirectoryChange } from '../directory/record-directory-change.ts';
import { now } from '../../jobs/clock-source.ts';

/** `agreement` is the current row, locked by the caller (getAgreementForUpdate). */
export async function terminateAgreement(
  tx: Tx,
  input: { actor: Actor; agreement: AgreementRow; terminatedFrom: string; reason: string; requestId: string },
): Promise<AgreementRow> {
  const current = input.agreement;
  if (current.terminatedFrom) throw new AppError('INVALID_STATE', 'Avtalet är redan uppsagt.');
  if (input.terminatedFrom < current.validFrom) {
    throw new AppError('VALIDATION_FAILED', 'Uppsägningen kan inte gälla före avtalets startdatum.', [
      { path: 'body.terminatedFrom', message: 'Före avtalets startdatum' },
    ]);
  }
  const [row] = await tx
    .update(agreements)
    .set({ terminatedFrom: input.terminatedFrom, updatedAt: now() })
    .where(eq(agreements.id, current.id))
    .returning();
  await recordDirectoryChange(tx, {
    actor: input.actor,
    entityType: 'agreement',
    entityId: current.id,
    action: 'agreement_terminated',
    before: { terminatedFrom: null },
    after: { terminatedFrom: input.terminatedFrom },
    reason: input.reason,
    requestId: input.requestId,
  });
  return row!;
}
