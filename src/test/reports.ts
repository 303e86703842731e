// A complete, valid police report for tests, with overrides. All data is fictional: the
// personnummer are test numbers with valid check digits.
import type { ReportBody } from '../features/cases/schemas.ts';

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
