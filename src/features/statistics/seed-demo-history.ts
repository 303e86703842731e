// Demo only: a few months of fictional, de-identified case facts, so a newcomer's dashboard has
// something to show on the first start (DESIGN.md: demo mode). No case row, no person, no text:
// fact rows whose case ids all begin with DEMO_FACT_PREFIX, made from a fixed seed. Idempotent:
// the same month always gets the same rows, so seeding again adds only months not yet there.
import type { DbOrTx } from '../../db/types.ts';
import { caseFacts } from '../../db/schema.ts';
import { isOpen } from '../../domain/calendar.ts';
import { PILOT_OFFICE_HOURS, type CaseFactValues } from '../../domain/case-facts.ts';
import { addDays, localToInstant, stockholmDate, toStockholm } from '../../domain/stockholm-time.ts';
import { isEve, isPublicHoliday } from '../../domain/swedish-holidays.ts';
import { countyMunicipalities } from '../../shared/municipalities.ts';

/**
 * Every demo fact's case id is de3000de-YYYY-0MMM-8000-<number>: no real case's is (they are
 * random version-4 UUIDs, whose third group starts with 4).
 */
export const DEMO_FACT_PREFIX = 'de3000de-';
const MONTHS = 6;
const MIN = 60_000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Rough weights by size, so the big municipalities carry most reports, as in the county.
const WEIGHTS: Record<string, number> = { '0180': 30, '0127': 8, '0126': 8, '0181': 8, '0182': 7, '0184': 6, '0138': 4, '0136': 5, '0183': 4, '0123': 4 };

function factsOfMonth(month: string): (CaseFactValues & { caseId: string })[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const r = rng(y * 100 + m);
  const codes = countyMunicipalities.map((c) => c.code);
  const weighted = codes.flatMap((c) => Array.from({ length: WEIGHTS[c] ?? 1 }, () => c));
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const days = Number(addDays(`${month}-01`, 31).slice(8, 10)) === 1 ? 30 : 31;
  const n = 60 + Math.floor(r() * 40);
  return Array.from({ length: n }, (_, i) => {
    const date = `${month}-${String(1 + Math.floor(r() * Math.min(days, 28))).padStart(2, '0')}`;
    const hour = pick([1, 3, 8, 9, 10, 11, 13, 14, 15, 16, 17, 19, 21, 22, 23]);
    const receivedAt = localToInstant(date, `${String(hour).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}`);
    const local = toStockholm(receivedAt);
    const after = (base: Date | null, lo: number, hi: number) => (base ? new Date(base.getTime() + (lo + Math.floor(r() * (hi - lo))) * MIN) : null);
    const code = pick(weighted);
    const h = r();
    const handling = h < 0.7 ? 'handover' : h < 0.85 ? 'own' : h < 0.95 ? 'forward' : 'return';
    const claimedAt = after(receivedAt, 2, 40);
    const decidedAt = after(claimedAt, 5, 90);
    const acknowledgedAt = handling === 'handover' ? after(decidedAt, 10, r() < 0.85 ? 90 : 400) : null;
    const owed = handling === 'handover' || handling === 'own';
    const feedbackAt = owed && r() < 0.85 ? after(receivedAt, 2 * 1440, (r() < 0.8 ? 14 : 25) * 1440) : null;
    const breachedClaim = claimedAt !== null && claimedAt.getTime() - receivedAt.getTime() > 30 * MIN;
    const breachedAck = acknowledgedAt !== null && decidedAt !== null && acknowledgedAt.getTime() - decidedAt.getTime() > 120 * MIN;
    return {
      caseId: `${DEMO_FACT_PREFIX}${y}-0${String(m).padStart(3, '0')}-8000-${String(i).padStart(12, '0')}`,
      status: 'closed',
      receivedAt,
      receivedDate: date,
      receivedHour: Math.floor(local.minutes / 60),
      receivedWeekday: local.weekday,
      officeHours: isOpen(PILOT_OFFICE_HOURS, receivedAt),
      publicHoliday: isPublicHoliday(date),
      eve: isEve(date),
      dayBeforeHoliday: isPublicHoliday(addDays(date, 1)),
      municipalityCode: handling === 'forward' ? null : code,
      residenceCode: code,
      foundCode: pick(['0180', '0180', code]),
      responsibleCode: handling === 'forward' ? null : code,
      ageBand: pick(['12-14', '15-17', '15-17', '15-17', '18+'] as const),
      ageEstimated: r() < 0.1,
      urgency: r() < 0.6 ? 'acute' : 'not_acute',
      gangRiskTypes: [pick(['recruited', 'at_risk', 'victim'])],
      basis: handling === 'own' ? 'agreement' : 'handover',
      handling,
      inTargetGroup: r() < 0.9,
      handoverContactKind: handling === 'handover' ? (isOpen(PILOT_OFFICE_HOURS, receivedAt) ? 'intake' : 'jour') : null,
      claimedAt,
      decidedAt,
      firstContactAttemptAt: handling === 'handover' ? after(decidedAt, 1, 10) : null,
      handedOverAt: acknowledgedAt,
      acknowledgedAt,
      acknowledgedVerbally: acknowledgedAt ? r() < 0.5 : null,
      skyddsbedomningAt: after(acknowledgedAt, 30, 600),
      skyddsbedomningOutcome: acknowledgedAt ? 'no_immediate_protection_needed' : null,
      forhandsbedomningAt: owed && r() < 0.7 ? after(receivedAt, 1440, 14 * 1440) : null,
      forhandsbedomningOutcome: null,
      feedbackAt,
      feedbackWithheld: feedbackAt ? false : null,
      forwardedAt: handling === 'forward' ? decidedAt : null,
      forwardedToCode: handling === 'forward' ? '0380' : null,
      returnedAt: handling === 'return' ? decidedAt : null,
      closedAt: after(receivedAt, 15 * 1440, 30 * 1440),
      refusals: 0,
      releases: 0,
      reopenings: 0,
      contactAttempts: handling === 'handover' ? 1 : 0,
      questions: 0,
      linkedDuplicate: false,
      clocks: {
        ...(breachedClaim ? { claim: { breaches: 1, escalations: 0 } } : {}),
        ...(breachedAck ? { acknowledge: { breaches: 1, escalations: 1 } } : {}),
      },
    };
  });
}

/** The demo history of the MONTHS whole months before `now`'s; returns how many rows it added. */
export async function seedDemoHistory(db: DbOrTx, now: Date): Promise<number> {
  const today = stockholmDate(now);
  let month = today.slice(0, 7);
  let added = 0;
  for (let i = 0; i < MONTHS; i++) {
    month = addDays(`${month}-01`, -1).slice(0, 7);
    const rows = factsOfMonth(month);
    const inserted = await db.insert(caseFacts).values(rows).onConflictDoNothing().returning({ id: caseFacts.caseId });
    added += inserted.length;
  }
  return added;
}
