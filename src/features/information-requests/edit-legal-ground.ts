// An admin corrects a legal ground's citation or description (a typo, a renumbered paragraph). The
// id stays, so requests that cited it keep pointing at it; the disclosure register keeps the
// citation as it read when the disclosure was made. The old and new texts go to the audit log.
import { eq } from 'drizzle-orm';
import { legalGrounds } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';

export async function editLegalGround(tx: Tx, input: { actor: Actor; id: string; citation: string; description: string; requestId: string }) {
  const [before] = await tx.select().from(legalGrounds).where(eq(legalGrounds.id, input.id)).for('update');
  if (!before) throw new AppError('NOT_FOUND');
  const [row] = await tx.update(legalGrounds).set({ citation: input.citation, description: input.description }).where(eq(legalGrounds.id, input.id)).returning();
  await recordAudit(tx, {
    actor: input.actor,
    action: 'legal_ground.edited',
    subjectType: 'legal_ground',
    subjectId: input.id,
    requestId: input.requestId,
    details: { citation: row!.citation, ...(before.citation !== row!.citation ? { previousCitation: before.citation } : {}), descriptionChanged: before.description !== row!.description },
  });
  return row!;
}
