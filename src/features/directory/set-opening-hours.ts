// Sets the calendar of an intake unit or a jour group, with its history. A calendar the rules
// would read as closed (start after end and the like) is refused with the problems in Swedish.
import { eq } from 'drizzle-orm';
import { intakeUnits, jourGroups, organisations } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import { validateOpeningHours } from '../../domain/calendar.ts';
import type { OpeningHours } from '../../domain/directory-types.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { recordDirectoryChange } from './record-directory-change.ts';
import { now } from '../../jobs/clock-source.ts';

export async function setOpeningHours(
  tx: Tx,
  input: { actor: Actor; orgId: string; hours: OpeningHours | null; reason: string; requestId: string },
): Promise<void> {
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, input.orgId)).for('update');
  if (!org || (org.kind !== 'intake_unit' && org.kind !== 'jour_group')) throw new AppError('NOT_FOUND');
  if (input.hours) {
    const problems = validateOpeningHours(input.hours);
    if (problems.length > 0) {
      throw new AppError('VALIDATION_FAILED', problems[0], problems.map((message) => ({ path: 'body.hours', message })));
    }
  }
  let before: OpeningHours | null;
  if (org.kind === 'intake_unit') {
    if (!input.hours) throw new AppError('VALIDATION_FAILED', 'En mottagning måste ha öppettider.', [{ path: 'body.hours', message: 'Ange öppettider' }]);
    const [unit] = await tx.select().from(intakeUnits).where(eq(intakeUnits.orgId, org.id));
    before = unit?.hours ?? null;
    await tx.update(intakeUnits).set({ hours: input.hours, updatedAt: now() }).where(eq(intakeUnits.orgId, org.id));
  } else {
    const [group] = await tx.select().from(jourGroups).where(eq(jourGroups.orgId, org.id));
    before = group?.hours ?? null;
    await tx.update(jourGroups).set({ hours: input.hours, updatedAt: now() }).where(eq(jourGroups.orgId, org.id));
  }
  await recordDirectoryChange(tx, {
    actor: input.actor,
    entityType: 'hours',
    entityId: org.id,
    action: 'hours_changed',
    before,
    after: input.hours,
    reason: input.reason,
    requestId: input.requestId,
  });
}
