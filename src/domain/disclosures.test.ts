import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedbackFields, handoverGround, legalGrounds, protectedReportFields, reportFieldNames } from './disclosures.ts';

test('the ground of a handover follows the decided legal basis', () => {
  assert.equal(handoverGround('agreement'), legalGrounds.agreement);
  for (const basis of ['own_residence', 'own_stay', 'none', null] as const) assert.equal(handoverGround(basis), legalGrounds.forward, String(basis));
  assert.match(legalGrounds.agreement, /9 kap\. 37 § kommunallagen/);
  assert.match(legalGrounds.forward, /10 kap\. 28 § OSL/);
  assert.match(legalGrounds.feedback, /14 kap\. 1 b § SoL/);
});

test('field names: filled-in leaves as dotted paths, arrays once as [], empty values left out, sorted', () => {
  const report = {
    child: { identityKind: 'known', identityNumber: '201001012382', name: '' },
    guardians: [{ name: 'A', address: 'X' }, { name: 'B', phone: '070' }],
    residence: { municipalityCode: null, address: 'Y' },
    protectedIdentity: false,
    gangRisk: { types: ['recruited', 'other'], description: 'd' },
  };
  assert.deepEqual(reportFieldNames(report), [
    'child.identityKind',
    'child.identityNumber',
    'gangRisk.description',
    'gangRisk.types[]',
    'guardians[].address',
    'guardians[].name',
    'guardians[].phone',
    'protectedIdentity',
    'residence.address',
  ]);
  assert.deepEqual(reportFieldNames(report, protectedReportFields).filter((f) => f.includes('address')), []);
  assert.deepEqual(reportFieldNames(null), []);
});

test('what an återkoppling tells the police', () => {
  assert.deepEqual(feedbackFields({ withheld: true, message: '' }), ['feedback.withheld']);
  assert.deepEqual(feedbackFields({ withheld: true, message: 'ignored' }), ['feedback.withheld']);
  assert.deepEqual(feedbackFields({ withheld: false, message: '  ' }), ['feedback.investigation']);
  assert.deepEqual(feedbackFields({ withheld: false, message: 'Inleds' }), ['feedback.investigation', 'feedback.message']);
});
