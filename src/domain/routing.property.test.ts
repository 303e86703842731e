import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { collaboratesOn } from './agreements.ts';
import { isOpen } from './calendar.ts';
import { COUNTY_MUNICIPALITIES, OTHER_MUNICIPALITIES, demoDirectory } from './demo-directory.ts';
import { decideRouting } from './routing.ts';
import { stockholmDate } from './stockholm-time.ts';

const dir = demoDirectory();
const agreementCodes = COUNTY_MUNICIPALITIES.map(([c]) => c).filter((c) => c !== '0180');
const allCodes = [...COUNTY_MUNICIPALITIES, ...OTHER_MUNICIPALITIES].map(([c]) => c);
const instant = (from: string, to: string) => fc.date({ min: new Date(from), max: new Date(to), noInvalidDate: true });
const officeHours = (code: string) => dir.intakeUnits.find((u) => u.municipalityCode === code)!.hours;

test('property: for any instant 2024–2027 and any agreement municipality, exactly one of office/jour answers', () => {
  fc.assert(
    fc.property(instant('2024-01-01T00:00:00Z', '2027-12-31T22:59:59Z'), fc.constantFrom(...agreementCodes), (at, code) => {
      const d = decideRouting(dir, { residence: code, found: code, age: 14, receivedAt: at });
      if (!collaboratesOn(dir, code, stockholmDate(at))) {
        assert.equal(d.handling, 'forward');
        assert.equal(d.contact?.label, 'Registratur');
        return;
      }
      assert.equal(d.handling, 'handover');
      assert.ok(d.contact, `${code} ${at.toISOString()}`);
      const officeOpen = isOpen(officeHours(code), at);
      assert.equal(d.contact.kind === 'office', officeOpen);
      assert.equal(d.contact.kind === 'jour', !officeOpen);
      // Everyone in the chain is of the same kind: office and jour never answer at once.
      for (const c of d.chain) assert.equal(c.kind, d.contact.kind);
      if (!officeOpen) {
        const group = dir.jourGroups.find((g) => g.orgId === d.contact?.orgId);
        assert.ok(group?.members.some((m) => m.municipalityCode === code));
      }
    }),
    { numRuns: 3000 },
  );
});

test('property: Stockholm residents always get a contact (own intake or the hub)', () => {
  fc.assert(
    fc.property(instant('2020-01-01T00:00:00Z', '2030-12-31T00:00:00Z'), fc.constantFrom(...allCodes), fc.integer({ min: 0, max: 17 }), (at, found, age) => {
      const d = decideRouting(dir, { residence: '0180', found, age, receivedAt: at });
      assert.equal(d.basis, 'own_residence');
      assert.equal(d.handling, 'own');
      assert.equal(d.contact?.orgId, isOpen(officeHours('0180'), at) ? 'intake-0180' : 'hub');
    }),
    { numRuns: 1000 },
  );
});

const codeArb = fc.oneof(fc.constantFrom(...allCodes, 'unknown'), fc.stringMatching(/^\d{4}$/), fc.string({ maxLength: 6 }));

test('property: invariants of every decision (total, consistent, Swedish reasons)', () => {
  fc.assert(
    fc.property(instant('2023-01-01T00:00:00Z', '2028-01-01T00:00:00Z'), codeArb, codeArb, fc.integer({ min: -2, max: 120 }), (at, residence, found, age) => {
      const d = decideRouting(dir, { residence, found, age, receivedAt: at });
      assert.ok(d.reasons.length >= 4);
      if (d.inTargetGroup) {
        assert.ok(age >= 0 && age < 18);
        assert.ok(d.basis === 'own_residence' || d.basis === 'agreement');
        assert.ok(d.handling === 'own' || d.handling === 'handover');
      }
      if (age >= 18 || age < 0) assert.equal(d.handling, 'return');
      if (d.handling === 'return') {
        assert.equal(d.contact, null);
        assert.equal(d.responsibleMunicipality, null);
      } else assert.ok(d.responsibleMunicipality);
      assert.equal(d.agreement !== null, d.basis === 'agreement');
      if (d.handling === 'handover') assert.equal(d.basis, 'agreement');
      if (d.handling === 'own') assert.equal(d.responsibleMunicipality?.code, '0180');
      if (d.contact === null) assert.deepEqual(d.chain, []);
    }),
    { numRuns: 3000 },
  );
});
