// Reads of the statistics feature: the de-identified case facts of a period. Never a case row.
import { and, asc, between, eq, sql } from 'drizzle-orm';
import { caseFacts } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/types.ts';
import { periodDates, type Period, type StatFact } from '../../domain/statistics.ts';

export type HoursFilter = 'all' | 'office' | 'jour';

/** The facts of the cases received in the period (Stockholm dates), optionally only office or jour time. */
export async function listStatFacts(db: DbOrTx, period: Period, hours: HoursFilter = 'all'): Promise<StatFact[]> {
  const { first, last } = periodDates(period);
  return db
    .select({
      receivedAt: caseFacts.receivedAt,
      receivedDate: caseFacts.receivedDate,
      receivedHour: caseFacts.receivedHour,
      receivedWeekday: caseFacts.receivedWeekday,
      officeHours: caseFacts.officeHours,
      municipalityCode: caseFacts.municipalityCode,
      handling: caseFacts.handling,
      inTargetGroup: caseFacts.inTargetGroup,
      claimedAt: caseFacts.claimedAt,
      decidedAt: caseFacts.decidedAt,
      acknowledgedAt: caseFacts.acknowledgedAt,
      skyddsbedomningAt: caseFacts.skyddsbedomningAt,
      forhandsbedomningAt: caseFacts.forhandsbedomningAt,
      feedbackAt: caseFacts.feedbackAt,
      forwardedAt: caseFacts.forwardedAt,
      returnedAt: caseFacts.returnedAt,
      clocks: caseFacts.clocks,
    })
    .from(caseFacts)
    .where(and(between(caseFacts.receivedDate, first, last), hours === 'all' ? sql`true` : eq(caseFacts.officeHours, hours === 'office')))
    .orderBy(asc(caseFacts.receivedAt));
}
