// DEMO DATA — NOT REAL. The demo directory of DESIGN.md section 5, used by `envagin seed --demo`
// and by tests. Municipality codes and names and the jour group memberships follow the design;
// hours are the design's defaults; unit names, Dnr (except Nacka's, from seed 001), phone
// numbers and e-mail addresses are invented. Phone numbers are in the ranges the Swedish Post
// and Telecom Authority (PTS) reserves for use in fiction (08-465 004 00…99 and
// 070-174 06 05…99), so nobody real is ever called from a demo; e-mail addresses are
// functional (unit) addresses under demo.envagin.se, never personal ones.

import type { Agreement, DirectorySnapshot, IntakeUnit, JourGroup, Municipality, OpeningHours } from './directory-types.ts';

/** The 26 municipalities of Stockholm county (kommunkod, name). */
export const COUNTY_MUNICIPALITIES: ReadonlyArray<readonly [string, string]> = [
  ['0114', 'Upplands Väsby'], ['0115', 'Vallentuna'], ['0117', 'Österåker'], ['0120', 'Värmdö'],
  ['0123', 'Järfälla'], ['0125', 'Ekerö'], ['0126', 'Huddinge'], ['0127', 'Botkyrka'],
  ['0128', 'Salem'], ['0136', 'Haninge'], ['0138', 'Tyresö'], ['0139', 'Upplands-Bro'],
  ['0140', 'Nykvarn'], ['0160', 'Täby'], ['0162', 'Danderyd'], ['0163', 'Sollentuna'],
  ['0180', 'Stockholm'], ['0181', 'Södertälje'], ['0182', 'Nacka'], ['0183', 'Sundbyberg'],
  ['0184', 'Solna'], ['0186', 'Lidingö'], ['0187', 'Vaxholm'], ['0188', 'Norrtälje'],
  ['0191', 'Sigtuna'], ['0192', 'Nynäshamn'],
];

/** Outside the county: only forwarding targets for misdirected reports. */
export const OTHER_MUNICIPALITIES: ReadonlyArray<readonly [string, string]> = [
  ['0380', 'Uppsala'], ['0480', 'Nyköping'], ['1280', 'Malmö'], ['1480', 'Göteborg'],
];

const JOUR_GROUPS: ReadonlyArray<{ orgId: string; name: string; members: string[] }> = [
  { orgId: 'jour-sydost', name: 'Sydostjouren', members: ['0182', '0138', '0120'] },
  { orgId: 'jour-sodertorn', name: 'Södertörnsjouren', members: ['0127', '0136', '0126', '0192', '0128'] },
  { orgId: 'jour-sodertalje', name: 'Södertäljejouren', members: ['0181', '0140'] },
  { orgId: 'jour-nordost', name: 'Nordostjouren', members: ['0162', '0186', '0188', '0160', '0115', '0187', '0117'] },
  { orgId: 'jour-nordvast', name: 'Nordvästjouren', members: ['0125', '0123', '0191', '0163', '0184', '0183', '0139', '0114'] },
];

/** 08-465 004 NN, NN = 00..99 (PTS fiction range). */
function landline(n: number): string {
  if (n < 0 || n > 99) throw new RangeError('outside the PTS fiction range');
  return `08-465 004 ${String(n).padStart(2, '0')}`;
}

/** 070-174 06 NN, NN = 05..99 (PTS fiction range). */
function mobile(n: number): string {
  if (n < 5 || n > 99) throw new RangeError('outside the PTS fiction range');
  return `070-174 06 ${String(n).padStart(2, '0')}`;
}

/** 'Upplands Väsby' → 'upplands-vasby', for e-mail domains. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Office hours of every demo intake unit (DESIGN.md section 5). */
export function demoOfficeHours(): OpeningHours {
  const day = () => [{ start: '08:00', end: '17:00' }];
  return {
    weekly: { 1: day(), 2: day(), 3: day(), 4: day(), 5: day() },
    closedOnPublicHolidays: true,
    closedOnEves: true,
    dayBeforeHoliday: [{ start: '08:00', end: '13:00' }],
    exceptions: [],
  };
}

// Phone plan: 08-465 004 00–01 hub, 02–27 intake units, 30–59 registries, 70–74 jour groups;
// 070-174 06 05–30 intake coordinators, 40–44 jourchefer. Every number is unique.
const VAXHOLM = '0187';

export function demoDirectory(): DirectorySnapshot {
  const all = [...COUNTY_MUNICIPALITIES, ...OTHER_MUNICIPALITIES];
  const municipalities: Municipality[] = all.map(([code, name], i) => ({
    code,
    name,
    inCounty: i < COUNTY_MUNICIPALITIES.length,
    registryEmail: `registrator@${slug(name)}.demo.envagin.se`,
    registryPhone: landline(30 + i),
  }));

  const intakeUnits: IntakeUnit[] = COUNTY_MUNICIPALITIES.map(([code, name], i) => ({
    orgId: `intake-${code}`,
    name: code === '0180' ? 'Stockholms stad, mottagningen barn och unga' : `Mottagningen barn och unga, ${name}`,
    municipalityCode: code,
    hours: demoOfficeHours(),
    contacts: [
      { label: 'Mottagningen', phone: landline(2 + i), email: `mottagning@${slug(name)}.demo.envagin.se` },
      { label: 'Mottagningens samordnare', phone: mobile(5 + i), email: null },
    ],
  }));

  const jourGroups: JourGroup[] = JOUR_GROUPS.map((g, i) => ({
    orgId: g.orgId,
    name: g.name,
    members: g.members.map((municipalityCode) => ({ municipalityCode, from: null, to: null })),
    hours: null,
    contacts: [
      { label: 'Jourtelefon', phone: landline(70 + i), email: `${slug(g.name)}@demo.envagin.se` },
      { label: 'Jourchef', phone: mobile(40 + i), email: null },
    ],
  }));

  // In force until further notice (DESIGN.md section 5), but for Vaxholm, whose agreement ran
  // 2024-01-01 – 2025-12-31.
  const agreements: Agreement[] = COUNTY_MUNICIPALITIES.filter(([code]) => code !== '0180').map(([code, name], i) =>
    code === '0182'
      ? {
          // Nacka: from seed 001 (tjänsteskrivelse SOCN-2024-00067).
          municipalityCode: code,
          decidedBy: 'Socialnämnden i Nacka kommun',
          dnr: 'SOCN-2024-00067',
          decisionDate: '2024-02-20',
          validFrom: '2024-03-01',
          validTo: null,
          terminatedFrom: null,
        }
      : {
          municipalityCode: code,
          decidedBy: `Socialnämnden i ${name}`,
          dnr: `SN-2023-0${String(101 + i)}`,
          decisionDate: '2023-11-15',
          validFrom: '2024-01-01',
          validTo: null,
          // Vaxholm left the collaboration: reports after 2025 are forwarded, not handed over.
          terminatedFrom: code === VAXHOLM ? '2026-01-01' : null,
        },
  );

  return {
    hub: {
      orgId: 'hub',
      name: 'Stockholms stads socialjour',
      municipalityCode: '0180',
      contacts: [
        { label: 'Socialjouren', phone: landline(0), email: 'socialjouren@stockholm.demo.envagin.se' },
        { label: 'Socialjourens reservnummer', phone: landline(1), email: null },
      ],
    },
    municipalities,
    intakeUnits,
    jourGroups,
    agreements,
  };
}
