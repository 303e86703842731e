// DESIGN.md rule 2: an agreement is in force only after the municipality's decision and between
// its validFrom and validTo (inclusive), and not from the day a termination takes effect.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Agreement, DirectorySnapshot } from './directory-types.ts';
import {
  STOCKHOLM_CODE,
  agreementInForce,
  agreementsNotInForce,
  collaboratesOn,
  findMunicipality,
  isAgreementInForce,
  isKommunkod,
  whyNotInForce,
} from './agreements.ts';
import { demoDirectory } from './demo-directory.ts';

const agreement = (over: Partial<Agreement> = {}): Agreement => ({
  municipalityCode: '0182',
  decidedBy: 'Socialnämnden i Nacka kommun',
  dnr: 'SOCN-1',
  decisionDate: '2024-02-20',
  validFrom: '2024-03-01',
  validTo: '2026-12-31',
  terminatedFrom: null,
  ...over,
});

test('Stockholm is 0180', () => {
  assert.equal(STOCKHOLM_CODE, '0180');
});

test('a kommunkod is exactly four digits', () => {
  for (const ok of ['0180', '0000', '2480']) assert.equal(isKommunkod(ok), true, ok);
  for (const bad of ['180', '01800', '01a0', ' 0180', '0180 ', '', 'x0180', '0180x']) assert.equal(isKommunkod(bad), false, JSON.stringify(bad));
});

test('a municipality is found by its exact code, else null', () => {
  const dir = demoDirectory();
  assert.equal(findMunicipality(dir, '0182')?.name, 'Nacka');
  assert.equal(findMunicipality(dir, '9999'), null);
});

test('in force from the later of decision date and validFrom, through validTo inclusive', () => {
  const a = agreement();
  assert.equal(isAgreementInForce(a, '2024-02-29'), false);
  assert.equal(isAgreementInForce(a, '2024-03-01'), true);
  assert.equal(isAgreementInForce(a, '2026-12-31'), true);
  assert.equal(isAgreementInForce(a, '2027-01-01'), false);
  const decidedLate = agreement({ decisionDate: '2024-03-10' });
  assert.equal(isAgreementInForce(decidedLate, '2024-03-09'), false);
  assert.equal(isAgreementInForce(decidedLate, '2024-03-10'), true);
  assert.equal(isAgreementInForce(agreement({ validTo: null }), '2099-01-01'), true, 'validTo null: until further notice');
});

test('a terminated agreement stops applying on the day the termination takes effect', () => {
  const a = agreement({ terminatedFrom: '2025-06-01' });
  assert.equal(isAgreementInForce(a, '2025-05-31'), true);
  assert.equal(isAgreementInForce(a, '2025-06-01'), false);
  assert.equal(isAgreementInForce(a, '2025-06-02'), false);
});

function dirWith(agreements: Agreement[]): DirectorySnapshot {
  return { ...demoDirectory(), agreements };
}

test('the agreement in force is the municipality’s own, and the latest validFrom when several are in force', () => {
  const older = agreement({ dnr: 'OLD', validFrom: '2024-03-01', validTo: null });
  const newer = agreement({ dnr: 'NEW', decisionDate: '2025-01-01', validFrom: '2025-01-01', validTo: null });
  const other = agreement({ dnr: 'SOLNA', municipalityCode: '0184', validFrom: '2024-01-01', validTo: null });
  for (const order of [
    [older, newer, other],
    [newer, older, other],
  ]) {
    const dir = dirWith(order);
    assert.equal(agreementInForce(dir, '0182', '2024-12-31')?.dnr, 'OLD');
    assert.equal(agreementInForce(dir, '0182', '2025-01-01')?.dnr, 'NEW');
    assert.equal(agreementInForce(dir, '0184', '2025-01-01')?.dnr, 'SOLNA');
    assert.equal(agreementInForce(dir, '0186', '2025-01-01'), null);
  }
  // A later agreement that is not yet in force does not replace the one that is.
  const future = agreement({ dnr: 'FUTURE', decisionDate: '2030-01-01', validFrom: '2030-01-01' });
  assert.equal(agreementInForce(dirWith([older, future]), '0182', '2025-01-01')?.dnr, 'OLD');
});

test('agreements not in force are the municipality’s others, for the reasons', () => {
  const dir = dirWith([
    agreement({ dnr: 'A', validTo: '2024-12-31' }),
    agreement({ dnr: 'B', validFrom: '2025-01-01', validTo: null }),
    agreement({ dnr: 'C', municipalityCode: '0184', validTo: '2024-12-31' }),
  ]);
  assert.deepEqual(
    agreementsNotInForce(dir, '0182', '2025-03-01').map((a) => a.dnr),
    ['A'],
  );
  assert.deepEqual(
    agreementsNotInForce(dir, '0182', '2024-06-01').map((a) => a.dnr),
    ['B'],
  );
});

test('why an agreement does not apply: termination first, then expiry, then the decision, then validFrom', () => {
  const a = agreement({ terminatedFrom: '2025-06-01' });
  assert.equal(whyNotInForce(a, '2025-06-01'), 'Avtalet (Dnr SOCN-1) är uppsagt och gäller inte från 2025-06-01.');
  assert.equal(whyNotInForce(agreement({ terminatedFrom: '2026-06-01' }), '2027-01-01'), 'Avtalet (Dnr SOCN-1) är uppsagt och gäller inte från 2026-06-01.');
  assert.equal(whyNotInForce(agreement(), '2027-01-01'), 'Avtalet (Dnr SOCN-1) gällde till och med 2026-12-31.');
  assert.equal(whyNotInForce(agreement({ validTo: null }), '2099-01-01'), 'Avtalet (Dnr SOCN-1) gäller 2099-01-01.');
  assert.equal(whyNotInForce(agreement(), '2024-02-19'), 'Avtalet (Dnr SOCN-1) beslutades först 2024-02-20 (Socialnämnden i Nacka kommun).');
  assert.equal(whyNotInForce(agreement(), '2024-02-20'), 'Avtalet (Dnr SOCN-1) gäller först från 2024-03-01.');
  assert.equal(whyNotInForce(agreement(), '2024-02-29'), 'Avtalet (Dnr SOCN-1) gäller först från 2024-03-01.');
  // On a day it is in force there is nothing to explain away.
  assert.equal(whyNotInForce(agreement(), '2024-03-01'), 'Avtalet (Dnr SOCN-1) gäller 2024-03-01.');
  assert.equal(whyNotInForce(agreement({ terminatedFrom: '2025-06-01' }), '2025-05-31'), 'Avtalet (Dnr SOCN-1) gäller 2025-05-31.');
  assert.equal(whyNotInForce(agreement(), '2026-12-31'), 'Avtalet (Dnr SOCN-1) gäller 2026-12-31.');
});

test('who collaborates: Stockholm always; a county municipality only with an agreement in force; never one outside the county', () => {
  const dir = demoDirectory();
  assert.equal(collaboratesOn(dir, '0180', '1999-01-01'), true);
  assert.equal(collaboratesOn({ ...dir, municipalities: [] }, '0180', '1999-01-01'), true);
  assert.equal(collaboratesOn(dir, '0182', '2024-02-29'), false);
  assert.equal(collaboratesOn(dir, '0182', '2024-03-01'), true);
  dir.agreements.push(agreement({ municipalityCode: '0380', validTo: null }));
  assert.equal(collaboratesOn(dir, '0380', '2025-01-01'), false);
  dir.agreements.push(agreement({ municipalityCode: '0199', validTo: null }));
  assert.equal(collaboratesOn(dir, '0199', '2025-01-01'), false, 'not in the directory');
});
