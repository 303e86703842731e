// An admin retires a legal ground: no new request may cite it; requests that did keep it.
import { and, eq, isNull } from 'drizzle-orm';
import { legalGrounds } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';

export async function retireLegalGround(tx: Tx, input: { actor: Actor; id: string; requestId: string; now: Date }) {
  const [row] = await tx
    .update(legalGrounds)
    .set({ retiredAt: input.now })
    .where(and(eq(legalGrounds.id, input.id), isNull(legalGrounds.retiredAt)))
    .returning();
  if (!row) {
    const [exists] = await tx.select({ id: legalGrounds.id }).from(legalGrounds).where(eq(legalGrounds.id, input.id));
    throw exists ? new AppError('INVALID_STATE', 'Grunden är redan upphörd.') : new AppError('NOT_FOUND');
  }
  await recordAudit(tx, { actor: input.actor, action: 'legal_ground.retired', subjectType: 'legal_ground', subjectId: row.id, requestId: input.requestId, details: { citation: row.citation } });
  return row;
}
