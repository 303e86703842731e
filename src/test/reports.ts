// A complete, valid police report for tests, with overrides. All data is fictional: the
// personnummer are test numbers with valid check digits.
import type { ReportBody } from '../shared/api/cases.ts';

export const TEST_CHILD_PNR = '201001012382';
export const TEST_CHILD_NAME = 'Testbarn Fiktivsson';

export function validReport(overrides: Partial<ReportBody> = {}): ReportBody {
  return {
    policeDiaryNumber: '5000-K123456-26',
    reportingOfficer: { name: 'Polisinspektör Test', unit: 'RC Stockholm, ROC', phone: '070-174 06 10' },
    found: { at: '2026-06-19T22:40:00+02:00', municipalityCode: '0180', place: 'Sergels torg' },
    child: { identityKind: 'known', identityNumber: TEST_CHILD_PNR, name: TEST_CHILD_NAME },
    residence: { municipalityCode: '0182', address: 'Testvägen 1, Nacka' },
    protectedIdentity: false,
    guardians: [{ name: 'Vårdnadshavare Test', relation: 'mamma', phone: '070-174 06 11', address: 'Testvägen 1, Nacka' }],
    concern: 'Påträffad sent på kvällen tillsammans med personer med koppling till ett kriminellt nätverk.',
    gangRisk: { types: ['recruited'], description: 'Uppgifter om att barnet rekryteras för att förvara vapen.' },
    policeRiskAssessment: 'Förhöjd risk.',
    whereaboutsNow: { place: 'Citypolisen, Kungsholmen', withWhom: 'Polis' },
    urgency: 'acute',
    ...overrides,
  };
}

/** The i-th of many valid, fictional personnummer of children born 2010–2013 (Luhn check digit computed). */
export function testPersonnummer(i: number): string {
  const date = new Date(Date.UTC(2010, 0, 1) + (i % 1400) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const serial = String(100 + Math.floor(i / 1400) % 900).padStart(3, '0');
  const nine = date.slice(2) + serial;
  let sum = 0;
  for (let k = 0; k < 9; k++) {
    const v = Number(nine[k]) * (k % 2 === 0 ? 2 : 1);
    sum += v > 9 ? v - 9 : v;
  }
  return `${date}${serial}${(10 - (sum % 10)) % 10}`;
}
