// An admin adds a legal ground that requests may cite (configuration, not code: issue 20).
import { legalGrounds } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';

export async function addLegalGround(tx: Tx, input: { actor: Actor; id: string; citation: string; description: string; requestId: string; now: Date }) {
  const [row] = await tx
    .insert(legalGrounds)
    .values({ id: input.id, citation: input.citation, description: input.description, createdAt: input.now })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', 'Det finns redan en rättslig grund med det id:t.');
  await recordAudit(tx, { actor: input.actor, action: 'legal_ground.added', subjectType: 'legal_ground', subjectId: row.id, requestId: input.requestId, details: { citation: row.citation } });
  return row;
}
