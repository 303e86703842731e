import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agreementInForce, collaboratesOn, isAgreementInForce, isKommunkod } from './agreements.ts';
import { validateOpeningHours } from './calendar.ts';
import { COUNTY_MUNICIPALITIES, demoDirectory, slug } from './demo-directory.ts';
import { complementWithin, containsInstant, mergeIntervals } from './intervals.ts';

const dir = demoDirectory();

test('26 county municipalities with the design codes, plus out-of-county forwarding targets', () => {
  const county = dir.municipalities.filter((m) => m.inCounty);
  assert.equal(county.length, 26);
  assert.equal(new Set(dir.municipalities.map((m) => m.code)).size, dir.municipalities.length);
  assert.ok(dir.municipalities.every((m) => isKommunkod(m.code)));
  assert.ok(county.every((m) => m.code.startsWith('01')));
  assert.deepEqual(
    dir.municipalities.filter((m) => !m.inCounty).map((m) => [m.code, m.name]),
    [['0380', 'Uppsala'], ['0480', 'Nyköping'], ['1280', 'Malmö'], ['1480', 'Göteborg']],
  );
  assert.equal(dir.municipalities.find((m) => m.code === '0182')?.name, 'Nacka');
  assert.equal(dir.municipalities.find((m) => m.code === '0114')?.name, 'Upplands Väsby');
});

test('one intake unit per county municipality with two contacts and the design hours', () => {
  assert.equal(dir.intakeUnits.length, 26);
  for (const [code] of COUNTY_MUNICIPALITIES) {
    const units = dir.intakeUnits.filter((u) => u.municipalityCode === code);
    assert.equal(units.length, 1, code);
    const u = units[0]!;
    assert.equal(u.orgId, `intake-${code}`);
    assert.deepEqual(u.contacts.map((c) => c.label), ['Mottagningen', 'Mottagningens samordnare']);
    assert.deepEqual(u.hours.weekly[1], [{ start: '08:00', end: '17:00' }]);
    assert.equal(u.hours.weekly[6], undefined);
    assert.deepEqual(u.hours.dayBeforeHoliday, [{ start: '08:00', end: '13:00' }]);
    assert.ok(u.hours.closedOnEves && u.hours.closedOnPublicHolidays);
    assert.deepEqual(validateOpeningHours(u.hours), []);
  }
  assert.equal(dir.intakeUnits.find((u) => u.municipalityCode === '0182')?.contacts[0]?.email, 'mottagning@nacka.demo.envagin.se');
});

test('the hub and the five jour groups: every county municipality but Stockholm in exactly one', () => {
  assert.equal(dir.hub.orgId, 'hub');
  assert.equal(dir.hub.name, 'Stockholms stads socialjour');
  assert.equal(dir.hub.municipalityCode, '0180');
  assert.deepEqual(dir.jourGroups.map((g) => [g.orgId, g.name, g.members.length]), [
    ['jour-sydost', 'Sydostjouren', 3],
    ['jour-sodertorn', 'Södertörnsjouren', 5],
    ['jour-sodertalje', 'Södertäljejouren', 2],
    ['jour-nordost', 'Nordostjouren', 7],
    ['jour-nordvast', 'Nordvästjouren', 8],
  ]);
  for (const [code] of COUNTY_MUNICIPALITIES) {
    const n = dir.jourGroups.filter((g) => g.members.some((m) => m.municipalityCode === code)).length;
    assert.equal(n, code === '0180' ? 0 : 1, code);
  }
  const name = (c: string) => dir.municipalities.find((m) => m.code === c)?.name;
  assert.deepEqual(dir.jourGroups[0]?.members.map((m) => name(m.municipalityCode)).sort(), ['Nacka', 'Tyresö', 'Värmdö']);
  for (const g of dir.jourGroups) {
    assert.equal(g.hours, null);
    assert.deepEqual(g.contacts.map((c) => c.label), ['Jourtelefon', 'Jourchef']);
  }
});

test('agreements: 25, in force from 2024-01-01 until further notice, Nacka from seed 001, Vaxholm left at the end of 2025', () => {
  assert.equal(dir.agreements.length, 25);
  assert.ok(!dir.agreements.some((a) => a.municipalityCode === '0180'));
  assert.equal(new Set(dir.agreements.map((a) => a.dnr)).size, 25);
  const nacka = dir.agreements.find((a) => a.municipalityCode === '0182');
  assert.deepEqual(nacka, {
    municipalityCode: '0182',
    decidedBy: 'Socialnämnden i Nacka kommun',
    dnr: 'SOCN-2024-00067',
    decisionDate: '2024-02-20',
    validFrom: '2024-03-01',
    validTo: null,
    terminatedFrom: null,
  });
  for (const a of dir.agreements.filter((x) => x.municipalityCode !== '0182')) {
    assert.equal(a.validFrom, '2024-01-01');
    assert.equal(a.validTo, null);
    assert.equal(a.terminatedFrom, a.municipalityCode === '0187' ? '2026-01-01' : null);
    assert.ok(a.decisionDate <= a.validFrom);
    assert.match(a.dnr, /^SN-2023-0\d{3}$/);
    assert.match(a.decidedBy, /^Socialnämnden i /);
    assert.ok(isAgreementInForce(a, '2024-01-01') && isAgreementInForce(a, '2025-12-31'));
    assert.ok(!isAgreementInForce(a, '2023-12-31'));
    assert.equal(isAgreementInForce(a, '2040-01-01'), a.municipalityCode !== '0187', a.municipalityCode);
  }
  assert.equal(agreementInForce(dir, '0182', '2024-02-29'), null);
  assert.ok(collaboratesOn(dir, '0180', '1999-01-01'));
  assert.ok(!collaboratesOn(dir, '0380', '2025-01-01'));
});

test('every phone number is unique and in the PTS ranges reserved for fiction', () => {
  const phones = [
    ...dir.hub.contacts.map((c) => c.phone),
    ...dir.intakeUnits.flatMap((u) => u.contacts.map((c) => c.phone)),
    ...dir.jourGroups.flatMap((g) => g.contacts.map((c) => c.phone)),
    ...dir.municipalities.map((m) => m.registryPhone ?? ''),
  ];
  assert.equal(new Set(phones).size, phones.length);
  for (const p of phones) {
    const m08 = /^08-465 004 (\d{2})$/.exec(p);
    const m070 = /^070-174 06 (\d{2})$/.exec(p);
    assert.ok(m08 || (m070 && Number(m070[1]) >= 5), p);
  }
});

test('e-mail addresses are functional demo addresses', () => {
  const emails = [
    ...dir.intakeUnits.flatMap((u) => u.contacts.map((c) => c.email)),
    ...dir.jourGroups.flatMap((g) => g.contacts.map((c) => c.email)),
    ...dir.municipalities.map((m) => m.registryEmail),
  ].filter((e): e is string => typeof e === 'string');
  assert.ok(emails.length > 60);
  for (const e of emails) assert.match(e, /^(mottagning|registrator|[a-z-]+jouren)@([a-z-]+\.)?demo\.envagin\.se$/, e);
  assert.equal(slug('Upplands Väsby'), 'upplands-vasby');
  assert.equal(slug('Österåker'), 'osteraker');
});

test('demoDirectory returns a fresh copy each call', () => {
  const a = demoDirectory();
  a.agreements.length = 0;
  assert.equal(demoDirectory().agreements.length, 25);
});

test('intervals: merge, complement, contains', () => {
  const d = (h: number) => new Date(Date.UTC(2025, 0, 1, h));
  assert.deepEqual(mergeIntervals([{ start: d(5), end: d(7) }, { start: d(1), end: d(3) }, { start: d(3), end: d(4) }, { start: d(6), end: d(6) }]), [
    { start: d(1), end: d(4) },
    { start: d(5), end: d(7) },
  ]);
  assert.deepEqual(complementWithin({ start: d(0), end: d(10) }, [{ start: d(2), end: d(3) }, { start: d(8), end: d(12) }]), [
    { start: d(0), end: d(2) },
    { start: d(3), end: d(8) },
  ]);
  assert.deepEqual(complementWithin({ start: d(0), end: d(10) }, []), [{ start: d(0), end: d(10) }]);
  assert.ok(containsInstant([{ start: d(1), end: d(2) }], d(1)));
  assert.ok(!containsInstant([{ start: d(1), end: d(2) }], d(2)));
});

test('slug: lower case ASCII words joined by single hyphens, nothing at either end', () => {
  assert.equal(slug('Upplands-Bro'), 'upplands-bro');
  assert.equal(slug('Södertörnsjouren'), 'sodertornsjouren');
  assert.equal(slug('  Täby kommun! '), 'taby-kommun');
  assert.equal(slug('-Nacka-'), 'nacka');
  assert.equal(slug('Danderyd & Lidingö'), 'danderyd-lidingo');
  assert.equal(slug('Zone 0182'), 'zone-0182');
});

test('every unit, jour group and registry has its demo number and address (phone plan)', () => {
  const nacka = dir.intakeUnits.find((u) => u.municipalityCode === '0182')!;
  assert.deepEqual(nacka, {
    orgId: 'intake-0182',
    name: 'Mottagningen barn och unga, Nacka',
    municipalityCode: '0182',
    hours: {
      weekly: { 1: [{ start: '08:00', end: '17:00' }], 2: [{ start: '08:00', end: '17:00' }], 3: [{ start: '08:00', end: '17:00' }], 4: [{ start: '08:00', end: '17:00' }], 5: [{ start: '08:00', end: '17:00' }] },
      closedOnPublicHolidays: true,
      closedOnEves: true,
      dayBeforeHoliday: [{ start: '08:00', end: '13:00' }],
      exceptions: [],
    },
    contacts: [
      { label: 'Mottagningen', phone: '08-465 004 20', email: 'mottagning@nacka.demo.envagin.se' },
      { label: 'Mottagningens samordnare', phone: '070-174 06 23', email: null },
    ],
  });
  assert.equal(dir.intakeUnits.find((u) => u.municipalityCode === '0180')?.name, 'Stockholms stad, mottagningen barn och unga');
  assert.deepEqual(dir.jourGroups[0], {
    orgId: 'jour-sydost',
    name: 'Sydostjouren',
    members: [
      { municipalityCode: '0182', from: null, to: null },
      { municipalityCode: '0138', from: null, to: null },
      { municipalityCode: '0120', from: null, to: null },
    ],
    hours: null,
    contacts: [
      { label: 'Jourtelefon', phone: '08-465 004 70', email: 'sydostjouren@demo.envagin.se' },
      { label: 'Jourchef', phone: '070-174 06 40', email: null },
    ],
  });
  // Jour telephones 08-465 004 70–74 and jourchefer 070-174 06 40–44, in the order of the groups.
  assert.deepEqual(
    dir.jourGroups.map((g) => [g.name, g.contacts.map((c) => c.phone)]),
    [
      ['Sydostjouren', ['08-465 004 70', '070-174 06 40']],
      ['Södertörnsjouren', ['08-465 004 71', '070-174 06 41']],
      ['Södertäljejouren', ['08-465 004 72', '070-174 06 42']],
      ['Nordostjouren', ['08-465 004 73', '070-174 06 43']],
      ['Nordvästjouren', ['08-465 004 74', '070-174 06 44']],
    ],
  );
  assert.deepEqual(dir.municipalities.find((m) => m.code === '1480'), {
    code: '1480',
    name: 'Göteborg',
    inCounty: false,
    registryEmail: 'registrator@goteborg.demo.envagin.se',
    registryPhone: '08-465 004 59',
  });
  assert.deepEqual(dir.hub, {
    orgId: 'hub',
    name: 'Stockholms stads socialjour',
    municipalityCode: '0180',
    contacts: [
      { label: 'Socialjouren', phone: '08-465 004 00', email: 'socialjouren@stockholm.demo.envagin.se' },
      { label: 'Socialjourens reservnummer', phone: '08-465 004 01', email: null },
    ],
  });
  assert.deepEqual(
    dir.agreements.find((a) => a.municipalityCode === '0114'),
    { municipalityCode: '0114', decidedBy: 'Socialnämnden i Upplands Väsby', dnr: 'SN-2023-0101', decisionDate: '2023-11-15', validFrom: '2024-01-01', validTo: null, terminatedFrom: null },
  );
});
