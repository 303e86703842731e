// A dozen cases with known times (Stockholm local), whose figures statistics.test.ts and the
// statistics feature's HTTP test compute by hand. Test data only: no personal data.
import type { StatFact } from './statistics-measures.ts';

const MIN = 60_000;
const DAY = 1440 * MIN;
const received = [
  ['2026-01-05T09:00:00+01:00', true, 1, 9],
  ['2026-01-06T10:00:00+01:00', false, 2, 10], // Trettondedag jul: jour
  ['2026-01-07T10:00:00+01:00', true, 3, 10],
  ['2026-01-08T22:00:00+01:00', false, 4, 22],
  ['2026-01-12T09:30:00+01:00', true, 1, 9],
  ['2026-01-13T14:00:00+01:00', true, 2, 14],
  ['2026-02-02T08:00:00+01:00', true, 1, 8],
  ['2026-02-03T12:00:00+01:00', true, 2, 12],
  ['2026-02-04T16:59:00+01:00', true, 3, 16],
  ['2026-02-07T12:00:00+01:00', false, 6, 12],
  ['2026-02-10T11:00:00+01:00', true, 2, 11],
  ['2026-03-02T03:00:00+01:00', false, 1, 3],
] as const;
const municipality = ['0182', '0182', '0182', '0182', '0182', '0182', '0182', '0180', '0180', '0180', '0123', '0123'];

export function fixtureFacts(): StatFact[] {
  return received.map(([iso, office, weekday, hour], idx) => {
    const i = idx + 1;
    const rec = new Date(iso);
    const plus = (base: Date | null, ms: number) => (base ? new Date(base.getTime() + ms) : null);
    const claimedAt = plus(rec, 5 * i * MIN);
    const decidedAt = plus(claimedAt, 10 * i * MIN);
    const handling = i <= 4 ? 'handover' : i <= 10 ? 'own' : i === 11 ? 'forward' : 'return';
    const acknowledgedAt = i <= 4 ? plus(decidedAt, 30 * i * MIN) : null;
    const feedbackAt = [1, 2, 5, 6, 7, 8, 9].includes(i) ? plus(rec, 3 * DAY) : i === 3 ? plus(rec, 20 * DAY) : null;
    const clocks: StatFact['clocks'] =
      i === 1 ? { acknowledge: { breaches: 1, escalations: 2 } } : i === 2 ? { acknowledge: { breaches: 1, escalations: 1 } } : i <= 7 ? { claim: { breaches: 1, escalations: 0 } } : {};
    return {
      receivedAt: rec,
      receivedDate: iso.slice(0, 10),
      receivedHour: hour,
      receivedWeekday: weekday,
      officeHours: office,
      municipalityCode: municipality[idx]!,
      handling,
      inTargetGroup: true,
      claimedAt,
      decidedAt,
      acknowledgedAt,
      skyddsbedomningAt: plus(acknowledgedAt, (5 + 10 * i) * MIN),
      forhandsbedomningAt: i <= 10 ? plus(rec, i * DAY) : null,
      feedbackAt,
      forwardedAt: i === 11 ? decidedAt : null,
      returnedAt: i === 12 ? decidedAt : null,
      clocks,
    };
  });
}

