import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DirectorySnapshot } from './directory-types.ts';
import { demoDirectory } from './demo-directory.ts';
import { ageOn } from './identity.ts';
import { decideRouting, findCurrentContacts, type RoutingDecision } from './routing.ts';
import { localToInstant } from './stockholm-time.ts';
import { EVES, PUBLIC_HOLIDAYS } from './test-fixtures.ts';

const demo = demoDirectory();
const at = (date: string, time: string): Date => localToInstant(date, time);
function route(residence: string, found: string, age: number, date: string, time: string, dir: DirectorySnapshot = demo): RoutingDecision {
  return decideRouting(dir, { residence, found, age, receivedAt: at(date, time) });
}
const TUESDAY = '2025-03-04';
const FRIDAY = '2025-03-07';

test('Tuesday 10:00, Nacka child → handover to Nacka intake (office)', () => {
  const d = route('0182', '0182', 15, TUESDAY, '10:00');
  assert.equal(d.inTargetGroup, true);
  assert.equal(d.basis, 'agreement');
  assert.equal(d.handling, 'handover');
  assert.deepEqual(d.responsibleMunicipality, { code: '0182', name: 'Nacka' });
  assert.equal(d.contact?.kind, 'office');
  assert.equal(d.contact?.orgId, 'intake-0182');
  assert.equal(d.contact?.label, 'Mottagningen');
  assert.deepEqual(d.chain.map((c) => c.label), ['Mottagningens samordnare']);
  assert.deepEqual(d.agreement, { dnr: 'SOCN-2024-00067', validFrom: '2024-03-01', validTo: null, decidedBy: 'Socialnämnden i Nacka kommun', decisionDate: '2024-02-20' });
  assert.equal(d.receiptDate, TUESDAY);
  assert.ok(d.reasons.some((r) => r.includes('är öppen tisdag 2025-03-04 kl. 10:00')));
});

test('Friday 23:00, Nacka child → Sydostjouren', () => {
  const d = route('0182', '0182', 15, FRIDAY, '23:00');
  assert.equal(d.handling, 'handover');
  assert.equal(d.contact?.kind, 'jour');
  assert.equal(d.contact?.orgName, 'Sydostjouren');
  assert.equal(d.contact?.phone, '08-465 004 70');
  assert.deepEqual(d.chain.map((c) => [c.orgName, c.label]), [['Sydostjouren', 'Jourchef']]);
  assert.ok(d.reasons.some((r) => r.includes('Nackas mottagning är stängd fredag 2025-03-07 kl. 23:00 (utanför kontorstid)')));
});

test('the JSON contract: exactly the DESIGN.md field names', () => {
  const d = route('0182', '0182', 15, FRIDAY, '23:00');
  for (const k of ['inTargetGroup', 'basis', 'handling', 'responsibleMunicipality', 'contact', 'agreement', 'reasons', 'chain']) assert.ok(k in d, k);
  for (const k of ['kind', 'orgName', 'phone', 'label']) assert.ok(d.contact && k in d.contact, k);
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(d)));
});

test('office boundaries: 07:59 jour, 08:00 office, 16:59 office, 17:00 jour', () => {
  assert.equal(route('0184', '0184', 10, TUESDAY, '07:59').contact?.orgName, 'Nordvästjouren');
  assert.equal(route('0184', '0184', 10, TUESDAY, '08:00').contact?.kind, 'office');
  assert.equal(route('0184', '0184', 10, TUESDAY, '16:59').contact?.kind, 'office');
  assert.equal(route('0184', '0184', 10, TUESDAY, '17:00').contact?.orgName, 'Nordvästjouren');
});

test('shortened day 2025-05-28: 12:59 office, 13:00 jour with the reason', () => {
  assert.equal(route('0126', '0126', 12, '2025-05-28', '12:59').contact?.kind, 'office');
  const d = route('0126', '0126', 12, '2025-05-28', '13:00');
  assert.equal(d.contact?.orgName, 'Södertörnsjouren');
  assert.ok(d.reasons.some((r) => r.includes('förkortad dag, dag före kristi himmelsfärdsdag')), d.reasons.join('\n'));
});

test('every public holiday and eve 2024–2027 at 10:00: office closed, jour or hub answers', () => {
  const dir = demoDirectory();
  for (const year of [2024, 2025, 2026, 2027]) {
    for (const date of [...(PUBLIC_HOLIDAYS[year] ?? []), ...(EVES[year] ?? [])]) {
      const solna = route('0184', '0184', 15, date, '10:00', dir);
      assert.equal(solna.handling, 'handover', date);
      assert.equal(solna.contact?.orgName, 'Nordvästjouren', date);
      const sthlm = route('0180', '0180', 15, date, '10:00', dir);
      assert.equal(sthlm.contact?.orgId, 'hub', date);
    }
  }
  const xmas = route('0184', '0184', 15, '2025-12-24', '10:00');
  assert.ok(xmas.reasons.some((r) => r.includes('(julafton)')));
});

test('DST: Monday after spring-forward opens at 06:00 UTC, after fall-back at 07:00 UTC', () => {
  const r = (iso: string) => decideRouting(demo, { residence: '0182', found: '0182', age: 15, receivedAt: new Date(iso) }).contact?.kind;
  assert.equal(r('2025-03-31T05:59:00Z'), 'jour');
  assert.equal(r('2025-03-31T06:00:00Z'), 'office');
  assert.equal(r('2025-03-31T15:00:00Z'), 'jour');
  assert.equal(r('2025-10-27T06:59:00Z'), 'jour');
  assert.equal(r('2025-10-27T07:00:00Z'), 'office');
  assert.equal(r('2025-10-27T15:59:00Z'), 'office');
  assert.equal(r('2025-10-27T16:00:00Z'), 'jour');
});

test('Stockholm residents: intake in office hours, socialjouren (hub) otherwise', () => {
  const day = route('0180', '0184', 16, TUESDAY, '10:00');
  assert.equal(day.basis, 'own_residence');
  assert.equal(day.handling, 'own');
  assert.equal(day.inTargetGroup, true);
  assert.equal(day.contact?.orgId, 'intake-0180');
  assert.equal(day.agreement, null);
  const night = route('0180', '0180', 16, FRIDAY, '23:00');
  assert.equal(night.contact?.orgId, 'hub');
  assert.equal(night.contact?.kind, 'jour');
  assert.equal(night.contact?.orgName, 'Stockholms stads socialjour');
  assert.ok(night.reasons.some((r) => r.includes('dygnet runt')));
  const sunday = route('0180', '0180', 16, '2025-03-09', '12:00');
  assert.ok(sunday.reasons.some((r) => r.includes('(helg)')));
});

test('found in Stockholm: residents of agreement municipalities are handed over, not own_stay', () => {
  const d = route('0182', '0180', 15, TUESDAY, '10:00');
  assert.equal(d.basis, 'agreement');
  assert.equal(d.handling, 'handover');
});

test('found outside the county: not in the target group; Stockholm residents still own_residence', () => {
  const s = route('0180', '0380', 15, TUESDAY, '10:00');
  assert.equal(s.inTargetGroup, false);
  assert.equal(s.basis, 'own_residence');
  assert.equal(s.handling, 'own');
  assert.ok(s.reasons.some((r) => r.includes('utanför Stockholms län')));
  const n = route('0182', '0380', 15, TUESDAY, '10:00');
  assert.equal(n.inTargetGroup, false);
  assert.equal(n.basis, 'agreement');
  assert.equal(n.handling, 'handover');
});

test('residence outside the county (0380 Uppsala): forward to Uppsala registry, or own_stay if found in Stockholm', () => {
  const f = route('0380', '0184', 15, TUESDAY, '10:00');
  assert.equal(f.inTargetGroup, false);
  assert.equal(f.basis, 'none');
  assert.equal(f.handling, 'forward');
  assert.deepEqual(f.responsibleMunicipality, { code: '0380', name: 'Uppsala' });
  assert.deepEqual({ kind: f.contact?.kind, label: f.contact?.label, email: f.contact?.email }, { kind: 'office', label: 'Registratur', email: 'registrator@uppsala.demo.envagin.se' });
  assert.equal(f.agreement, null);
  const o = route('0380', '0180', 15, TUESDAY, '10:00');
  assert.equal(o.inTargetGroup, false);
  assert.equal(o.basis, 'own_stay');
  assert.equal(o.handling, 'own');
  assert.deepEqual(o.responsibleMunicipality, { code: '0180', name: 'Stockholm' });
  assert.ok(o.reasons.some((r) => r.includes('Bosättningskommunen Uppsala (0380) ska underrättas')));
});

test('found in Stockholm, resident in a county municipality without agreement yet → own_stay', () => {
  const d = route('0182', '0180', 15, '2024-02-01', '10:00');
  assert.equal(d.inTargetGroup, false);
  assert.equal(d.basis, 'own_stay');
  assert.equal(d.handling, 'own');
  assert.equal(d.contact?.orgId, 'intake-0180');
  assert.ok(d.reasons.some((r) => r.includes('Bosättningskommunen Nacka (0182) ska underrättas')));
});

test('residence unknown: own_stay in Stockholm, else forward to the vistelsekommun', () => {
  const s = route('unknown', '0180', 15, FRIDAY, '23:00');
  assert.equal(s.inTargetGroup, false);
  assert.equal(s.basis, 'own_stay');
  assert.equal(s.handling, 'own');
  assert.equal(s.contact?.orgId, 'hub');
  assert.ok(s.reasons.some((r) => r.includes('Bosättningskommunen är okänd')));
  const n = route('unknown', '0182', 15, FRIDAY, '23:00');
  assert.equal(n.basis, 'none');
  assert.equal(n.handling, 'forward');
  assert.deepEqual(n.responsibleMunicipality, { code: '0182', name: 'Nacka' });
  assert.ok(n.reasons.some((r) => r.includes('som vistelsekommun')));
  assert.equal(n.contact?.label, 'Registratur');
});

test('age 17 vs 18 around the 18th birthday', () => {
  const birth = '2008-03-04';
  const before = route('0182', '0182', ageOn(birth, '2026-03-03'), '2026-03-03', '10:00');
  assert.equal(before.inTargetGroup, true);
  assert.equal(before.handling, 'handover');
  const on = route('0182', '0182', ageOn(birth, '2026-03-04'), '2026-03-04', '10:00');
  assert.equal(on.inTargetGroup, false);
  assert.equal(on.handling, 'return');
  assert.equal(on.contact, null);
  assert.deepEqual(on.chain, []);
  assert.equal(on.responsibleMunicipality, null);
  assert.ok(on.reasons.some((r) => r.includes('inte ett barn')));
});

test('agreements: first and last day, the receipt date is the Stockholm date', () => {
  assert.equal(route('0184', '0184', 15, '2023-12-31', '23:59').basis, 'none');
  assert.equal(route('0184', '0184', 15, '2024-01-01', '00:00').basis, 'agreement');
  // 2023-12-31T23:30Z is already 2024-01-01 in Stockholm.
  assert.equal(decideRouting(demo, { residence: '0184', found: '0184', age: 15, receivedAt: new Date('2023-12-31T23:30:00Z') }).basis, 'agreement');
  // Until further notice: still in force years ahead.
  assert.equal(route('0184', '0184', 15, '2031-06-30', '12:00').basis, 'agreement');
  // An agreement with an end date ends with that day.
  const ending = demoDirectory();
  for (const a of ending.agreements) if (a.municipalityCode === '0184') a.validTo = '2026-12-31';
  assert.equal(route('0184', '0184', 15, '2026-12-31', '23:59', ending).basis, 'agreement');
  const after = route('0184', '0184', 15, '2027-01-01', '00:00', ending);
  assert.equal(after.basis, 'none');
  assert.equal(after.handling, 'forward');
  assert.ok(after.reasons.some((r) => r.includes('gällde till och med 2026-12-31')));
});

test('Vaxholm left: handed over until 2025-12-31, forwarded from 2026-01-01 (found outside Stockholm)', () => {
  assert.equal(route('0187', '0187', 15, '2025-12-31', '23:59').handling, 'handover');
  const left = route('0187', '0187', 15, '2026-01-01', '00:00');
  assert.equal(left.basis, 'none');
  assert.equal(left.handling, 'forward');
});

test('Nacka: 2024-02-29 no agreement yet (forward), 2024-03-01 in force (handover)', () => {
  const before = route('0182', '0182', 15, '2024-02-29', '10:00');
  assert.equal(before.inTargetGroup, false);
  assert.equal(before.basis, 'none');
  assert.equal(before.handling, 'forward');
  assert.ok(before.reasons.some((r) => r.includes('gäller först från 2024-03-01')));
  const first = route('0182', '0182', 15, '2024-03-01', '10:00');
  assert.equal(first.inTargetGroup, true);
  assert.equal(first.basis, 'agreement');
  assert.equal(first.agreement?.dnr, 'SOCN-2024-00067');
});

test('a terminated agreement and a decision taken after validFrom', () => {
  const dir = demoDirectory();
  const solna = dir.agreements.find((a) => a.municipalityCode === '0184')!;
  solna.terminatedFrom = '2025-06-01';
  assert.equal(route('0184', '0184', 15, '2025-05-31', '23:59', dir).basis, 'agreement');
  const t = route('0184', '0184', 15, '2025-06-01', '00:00', dir);
  assert.equal(t.basis, 'none');
  assert.ok(t.reasons.some((r) => r.includes('uppsagt')));
  const lid = dir.agreements.find((a) => a.municipalityCode === '0186')!;
  lid.decisionDate = '2024-01-15'; // decided after validFrom 2024-01-01
  const early = route('0186', '0186', 15, '2024-01-10', '10:00', dir);
  assert.equal(early.basis, 'none');
  assert.ok(early.reasons.some((r) => r.includes('beslutades först 2024-01-15')));
  assert.equal(route('0186', '0186', 15, '2024-01-15', '10:00', dir).basis, 'agreement');
});

test('unknown and malformed codes never throw', () => {
  const a = route('2480', '0182', 15, TUESDAY, '10:00'); // residence code not in the directory
  assert.equal(a.handling, 'forward');
  assert.deepEqual(a.responsibleMunicipality, { code: '0182', name: 'Nacka' });
  assert.ok(a.reasons.some((r) => r.includes('2480 finns inte i katalogen')));
  const b = route('unknown', '9999', 15, TUESDAY, '10:00');
  assert.equal(b.handling, 'return');
  assert.equal(b.responsibleMunicipality, null);
  assert.ok(b.reasons.some((r) => r.includes('ingen ansvarig kommun')));
  const c = route('abc', '12', 15, TUESDAY, '10:00');
  assert.equal(c.handling, 'return');
  assert.ok(c.reasons.some((r) => r.includes('Ogiltig kommunkod')));
  const d = route('0182', 'x', 15, TUESDAY, '10:00');
  assert.equal(d.inTargetGroup, false);
  assert.equal(d.handling, 'handover');
  const e = route('0182', '0182', -1, TUESDAY, '10:00');
  assert.equal(e.handling, 'return');
  assert.ok(e.reasons.some((r) => r.includes('Ogiltig ålder')));
  assert.equal(route('0182', '0182', 2.5, TUESDAY, '10:00').handling, 'return');
});

test('`at` differs from receipt: date rules use receipt, contact uses `at`', () => {
  const d = decideRouting(demo, { residence: '0182', found: '0182', age: 15, receivedAt: at('2024-02-29', '16:30'), at: at('2024-03-01', '10:00') });
  assert.equal(d.basis, 'none'); // received before Nacka's agreement
  const h = decideRouting(demo, { residence: '0182', found: '0182', age: 15, receivedAt: at(FRIDAY, '16:30'), at: at(FRIDAY, '17:30') });
  assert.equal(h.contact?.orgName, 'Sydostjouren');
});

test('coverage gap at routing time: no contact, Swedish escalation reason', () => {
  const dir = demoDirectory();
  for (const g of dir.jourGroups) g.members = g.members.filter((m) => m.municipalityCode !== '0182');
  const d = route('0182', '0182', 15, FRIDAY, '23:00', dir);
  assert.equal(d.handling, 'handover');
  assert.equal(d.contact, null);
  assert.deepEqual(d.chain, []);
  assert.ok(d.reasons.some((r) => r.includes('täckningslucka')));
});

test('jour memberships with dates and jour groups with their own hours', () => {
  const dir = demoDirectory();
  const sydost = dir.jourGroups.find((g) => g.orgId === 'jour-sydost')!;
  sydost.members = sydost.members.map((m) => (m.municipalityCode === '0182' ? { ...m, from: '2025-03-08' } : m));
  assert.equal(findCurrentContacts(dir, '0182', at(FRIDAY, '23:00')).length, 0);
  assert.equal(findCurrentContacts(dir, '0182', at('2025-03-08', '01:00'))[0]?.orgName, 'Sydostjouren');
  const evenings = [{ start: '17:00', end: '22:00' }];
  sydost.hours = { weekly: { 1: evenings, 2: evenings, 3: evenings, 4: evenings, 5: evenings, 6: evenings, 7: evenings }, closedOnPublicHolidays: false, closedOnEves: false, dayBeforeHoliday: null, exceptions: [] };
  assert.equal(findCurrentContacts(dir, '0138', at(FRIDAY, '21:59'))[0]?.orgName, 'Sydostjouren');
  assert.equal(findCurrentContacts(dir, '0138', at(FRIDAY, '22:00')).length, 0);
});

test('forward: registry first, else the intake unit, else null', () => {
  const dir = demoDirectory();
  const nacka = dir.municipalities.find((m) => m.code === '0182')!;
  nacka.registryEmail = null;
  nacka.registryPhone = null;
  const d = route('0182', '0182', 15, '2024-02-01', '10:00', dir);
  assert.equal(d.handling, 'forward');
  assert.equal(d.contact?.orgId, 'intake-0182');
  assert.equal(d.chain.length, 1);
  dir.intakeUnits = dir.intakeUnits.filter((u) => u.municipalityCode !== '0182');
  const e = route('0182', '0182', 15, '2024-02-01', '10:00', dir);
  assert.equal(e.contact, null);
  assert.ok(e.reasons.some((r) => r.includes('växel')));
});

