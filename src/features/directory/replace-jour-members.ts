// Replaces the member municipalities of a jour group (with optional dates, since memberships
// change). Versioned and audited like every directory change; the coverage check shows at once
// what a change leaves uncovered.
import { eq, inArray } from 'drizzle-orm';
import { jourMemberships, municipalities, organisations } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import type { JourMembership } from '../../domain/directory-types.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { recordDirectoryChange } from './record-directory-change.ts';

const OPEN_START = '2000-01-01';

export async function replaceJourMembers(
  tx: Tx,
  input: { actor: Actor; orgId: string; members: JourMembership[]; reason: string; requestId: string },
): Promise<void> {
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, input.orgId)).for('update');
  if (!org || org.kind !== 'jour_group') throw new AppError('NOT_FOUND');
  const codes = [...new Set(input.members.map((m) => m.municipalityCode))];
  const known = codes.length === 0 ? [] : await tx.select().from(municipalities).where(inArray(municipalities.code, codes));
  const errors = input.members.flatMap((m, i) => {
    const found = known.find((k) => k.code === m.municipalityCode);
    if (!found) return [{ path: `body.members.${i}.municipalityCode`, message: 'Okänd kommunkod' }];
    if (!found.inCounty) return [{ path: `body.members.${i}.municipalityCode`, message: 'Kommunen ligger utanför Stockholms län' }];
    if (m.from && m.to && m.to < m.from) return [{ path: `body.members.${i}.to`, message: 'Slutdatum före startdatum' }];
    return [];
  });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors[0]!.message, errors);
  const rows = input.members.map((m) => ({ jourOrgId: org.id, municipalityCode: m.municipalityCode, validFrom: m.from ?? OPEN_START, validTo: m.to ?? null }));
  const keys = new Set(rows.map((r) => `${r.municipalityCode}/${r.validFrom}`));
  if (keys.size !== rows.length) {
    throw new AppError('VALIDATION_FAILED', 'Samma kommun står två gånger med samma startdatum.', [{ path: 'body.members', message: 'Dubblett' }]);
  }
  const before = await tx.select().from(jourMemberships).where(eq(jourMemberships.jourOrgId, org.id));
  await tx.delete(jourMemberships).where(eq(jourMemberships.jourOrgId, org.id));
  if (rows.length > 0) await tx.insert(jourMemberships).values(rows);
  await recordDirectoryChange(tx, {
    actor: input.actor,
    entityType: 'jour_membership',
    entityId: org.id,
    action: 'jour_members_replaced',
    before: before.map((b) => ({ municipalityCode: b.municipalityCode, from: b.validFrom, to: b.validTo })),
    after: rows.map((r) => ({ municipalityCode: r.municipalityCode, from: r.validFrom, to: r.validTo })),
    reason: input.reason,
    requestId: input.requestId,
  });
}
