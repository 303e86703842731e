// Replaces the ordered contact chain of a unit, jour group or the hub. The whole list is one
// version: history shows it before and after, so "who changed the Nacka jour number, when, from
// what" has one answer.
import { asc, eq, inArray } from 'drizzle-orm';
import { contactPoints, organisations } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import type { ContactPoint } from '../../domain/directory-types.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { recordDirectoryChange } from './record-directory-change.ts';

export const CONTACT_HOLDERS = ['hub', 'intake_unit', 'jour_group'] as const;

export async function replaceContacts(
  tx: Tx,
  input: { actor: Actor; orgId: string; contacts: ContactPoint[]; reason: string; requestId: string },
): Promise<ContactPoint[]> {
  const [org] = await tx
    .select()
    .from(organisations)
    .where(eq(organisations.id, input.orgId))
    .for('update');
  if (!org || !(CONTACT_HOLDERS as readonly string[]).includes(org.kind)) throw new AppError('NOT_FOUND');
  const before = await tx
    .select({ label: contactPoints.label, phone: contactPoints.phone, email: contactPoints.email })
    .from(contactPoints)
    .where(eq(contactPoints.orgId, org.id))
    .orderBy(asc(contactPoints.position));
  const after = input.contacts.map((c) => ({ label: c.label, phone: c.phone, email: c.email ?? null }));
  await tx.delete(contactPoints).where(inArray(contactPoints.orgId, [org.id]));
  await tx.insert(contactPoints).values(after.map((c, position) => ({ ...c, orgId: org.id, position })));
  await recordDirectoryChange(tx, {
    actor: input.actor,
    entityType: 'contacts',
    entityId: org.id,
    action: 'contacts_replaced',
    before,
    after,
    reason: input.reason,
    requestId: input.requestId,
  });
  return after;
}
