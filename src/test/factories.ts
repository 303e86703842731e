// Test factories: rows with every NOT NULL column filled and unique values, so a test states only
// what matters to it. No personal data: identity is 'unknown' unless a test overrides it.
import { cases } from '../db/schema.ts';
import type { DbOrTx } from '../db/types.ts';
import { stockholmDate } from '../domain/stockholm-time.ts';

export type NewCase = typeof cases.$inferInsert;
export type CaseRow = typeof cases.$inferSelect;

// A random start per process, so test files sharing a server database do not collide.
let seq = Math.floor(Math.random() * 400_000);
const unique = () => String(++seq).padStart(6, '0');

/** A case row as the case feature would have written it at receipt; override any column. */
export async function buildCase(db: DbOrTx, o: Partial<NewCase> = {}): Promise<CaseRow> {
  const receivedAt = o.receivedAt ?? new Date();
  const n = unique();
  const [row] = await db
    .insert(cases)
    .values({
      // Year 2099: never collides with the numbers the case feature draws from its series.
      number: `ENV-2099-${n}`,
      status: 'received',
      receivedAt,
      receiptDate: stockholmDate(receivedAt),
      urgency: 'acute',
      reporterUserId: '00000000-0000-4000-8000-000000000001',
      reporterOrgId: 'police-roc',
      idempotencyKey: `factory-${n}-${Math.random().toString(36).slice(2)}`,
      policeDiaryNumber: `5000-K${n}-26`,
      foundMunicipalityCode: '0180',
      identityKind: 'unknown',
      ...o,
    })
    .returning();
  return row!;
}
