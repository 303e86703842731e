// Reads of the agreement register. The first parameter is always the database or the transaction.
import { asc, eq } from 'drizzle-orm';
import { agreements, municipalities } from '../../db/schema.ts';
import type { AgreementRow, DbOrTx, Tx } from '../../db/types.ts';
import { AppError } from '../../shared/errors.ts';

/** Every agreement with its municipality's name, by municipality and start date. */
export function listAgreements(db: DbOrTx): Promise<{ agreement: AgreementRow; municipalityName: string }[]> {
  return db
    .select({ agreement: agreements, municipalityName: municipalities.name })
    .from(agreements)
    .innerJoin(municipalities, eq(municipalities.code, agreements.municipalityCode))
    .orderBy(asc(municipalities.name), asc(agreements.validFrom));
}

/** The agreement, locked for the change; NOT_FOUND if there is none. */
export async function getAgreementForUpdate(tx: Tx, id: string): Promise<AgreementRow> {
  const [row] = await tx.select().from(agreements).where(eq(agreements.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The name of a municipality the register refers to (the foreign key guarantees it exists). */
export async function getMunicipalityName(tx: Tx, code: string): Promise<string> {
  const [m] = await tx.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.code, code));
  return m!.name;
}
