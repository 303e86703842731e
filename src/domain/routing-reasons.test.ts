// The explanation a supervisor relies on (DESIGN.md rules 1–3): every routing decision carries,
// in Swedish and in a fixed order, why the child is or is not in the target group, on what
// basis Stockholm may act, what happens to the report and whom to call now. These tests state
// whole explanations for the typical cases and each reason on its own for the rest.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DirectorySnapshot } from './directory-types.ts';
import { demoDirectory } from './demo-directory.ts';
import { decideRouting, type RoutingDecision } from './routing.ts';
import { genitive, whenText } from './routing-reasons.ts';
import { localToInstant } from './stockholm-time.ts';

const demo = demoDirectory();
function route(residence: string, found: string, age: number, date: string, time: string, dir: DirectorySnapshot = demo): RoutingDecision {
  return decideRouting(dir, { residence, found, age, receivedAt: localToInstant(date, time) });
}
/** The reason about whom to call (the line that starts with 'Kontakt:' or says there is none). */
function contactLine(d: RoutingDecision): string | undefined {
  return d.reasons.find((r) => r.startsWith('Kontakt:') || r.startsWith('Ingen '));
}

const NACKA_AGREEMENT = 'Dnr SOCN-2024-00067, beslutat 2024-02-20 av Socialnämnden i Nacka kommun, gäller 2024-03-01–tills vidare';
const BASIS_NONE =
  'Grund saknas: Stockholm är varken bosättnings- eller vistelsekommun och inget samverkansavtal med bosättningskommunen är i kraft. Socialjouren får inte handlägga ärendet.';

test('a Nacka child on a Tuesday morning: the whole explanation, in order', () => {
  assert.deepEqual(route('0182', '0182', 15, '2025-03-04', '10:00').reasons, [
    'Barnet är 15 år på mottagningsdagen 2025-03-04 (under 18 år).',
    'Påträffad i Nacka (0182), inom Stockholms län.',
    `Bosatt i Nacka (0182), som samverkar genom avtal i kraft på mottagningsdagen (${NACKA_AGREEMENT}).`,
    'Tillhör målgruppen: under 18 år, påträffad i Stockholms län och bosatt i en samverkande kommun.',
    'Grund: avtalssamverkan med Nacka, i kraft på mottagningsdagen.',
    'Hantering: överlämnas till Nacka (0182) som bosättningskommun, enligt samverkansavtalet.',
    'Kontakt: Mottagningen barn och unga, Nacka är öppen tisdag 2025-03-04 kl. 10:00: ring 08-465 004 20 (Mottagningen).',
    'Om ingen svarar finns 1 reservkontakt i kedjan.',
  ]);
});

test('a Stockholm child on a Sunday: own residence, and socialjouren answers around the clock', () => {
  assert.deepEqual(route('0180', '0180', 16, '2025-03-09', '12:00').reasons, [
    'Barnet är 16 år på mottagningsdagen 2025-03-09 (under 18 år).',
    'Påträffad i Stockholm (0180), inom Stockholms län.',
    'Bosatt i Stockholm (0180).',
    'Tillhör målgruppen: under 18 år, påträffad i Stockholms län och bosatt i en samverkande kommun.',
    'Grund: Stockholm är barnets bosättningskommun.',
    'Hantering: Stockholms stad handlägger själv som bosättningskommun.',
    'Kontakt: Stockholms mottagning är stängd söndag 2025-03-09 kl. 12:00 (helg); Stockholms stads socialjour svarar dygnet runt: ring 08-465 004 00 (Socialjouren).',
    'Om ingen svarar finns 1 reservkontakt i kedjan.',
  ]);
});

test('a Nacka child before Nacka’s decision: no agreement in force, why not, and forward to Nacka’s registry', () => {
  assert.deepEqual(route('0182', '0182', 15, '2024-02-01', '10:00').reasons, [
    'Barnet är 15 år på mottagningsdagen 2024-02-01 (under 18 år).',
    'Påträffad i Nacka (0182), inom Stockholms län.',
    'Bosatt i Nacka (0182), som inte har något samverkansavtal i kraft på mottagningsdagen 2024-02-01.',
    'Avtalet (Dnr SOCN-2024-00067) beslutades först 2024-02-20 (Socialnämnden i Nacka kommun).',
    'Tillhör inte målgruppen: inte bosatt i en samverkande kommun i Stockholms län.',
    BASIS_NONE,
    'Hantering: vidarebefordras enligt förvaltningslagen till Nacka (0182) som bosättningskommun; polisen informeras om vidarebefordran.',
    'Kontakt: Nackas registratur: ring 08-465 004 48 (Registratur).',
  ]);
});

test('a report about nobody we can place: every missing fact is named, and it goes back to the police', () => {
  assert.deepEqual(route('unknown', '9999', -1, '2025-03-04', '10:00').reasons, [
    'Ogiltig ålder (-1): åldern ska vara ett heltal mellan 0 och 149.',
    'Påträffandekommunen 9999 finns inte i katalogen; det går inte att avgöra om barnet påträffades i Stockholms län.',
    'Bosättningskommunen är okänd.',
    'Tillhör inte målgruppen: åldern är inte fastställd; inte påträffad i Stockholms län; bosättningskommunen är inte känd.',
    BASIS_NONE,
    'Hantering: återlämnas till polisen, eftersom åldern inte kunde fastställas.',
    'Ingen kontakt: ärendet återlämnas till polisen.',
  ]);
});

test('an adult (exactly 18) is returned to the police because they are not a child', () => {
  const d = route('0182', '0182', 18, '2025-03-04', '10:00');
  assert.equal(d.reasons[0], 'Personen är 18 år på mottagningsdagen 2025-03-04: inte ett barn (18 år eller äldre).');
  assert.ok(d.reasons.includes('Tillhör inte målgruppen: inte under 18 år.'), d.reasons.join('\n'));
  assert.ok(d.reasons.includes('Hantering: återlämnas till polisen, eftersom personen inte är ett barn.'));
  assert.equal(d.reasons.at(-1), 'Ingen kontakt: ärendet återlämnas till polisen.');
  // The legal basis is still explained: it does not depend on age.
  assert.equal(d.basis, 'agreement');
  assert.ok(d.reasons.includes('Grund: avtalssamverkan med Nacka, i kraft på mottagningsdagen.'));
});

test('valid ages are whole numbers 0–149: 0 is a child, 149 an adult, 150 and fractions are invalid', () => {
  const first = (age: number) => route('0182', '0182', age, '2025-03-04', '10:00').reasons[0];
  assert.equal(first(0), 'Barnet är 0 år på mottagningsdagen 2025-03-04 (under 18 år).');
  assert.equal(first(17), 'Barnet är 17 år på mottagningsdagen 2025-03-04 (under 18 år).');
  assert.equal(first(149), 'Personen är 149 år på mottagningsdagen 2025-03-04: inte ett barn (18 år eller äldre).');
  assert.equal(first(150), 'Ogiltig ålder (150): åldern ska vara ett heltal mellan 0 och 149.');
  assert.equal(first(12.5), 'Ogiltig ålder (12.5): åldern ska vara ett heltal mellan 0 och 149.');
  assert.equal(first(Number.NaN), 'Ogiltig ålder (NaN): åldern ska vara ett heltal mellan 0 och 149.');
  for (const age of [150, 12.5, -1]) {
    const d = route('0182', '0182', age, '2025-03-04', '10:00');
    assert.equal(d.inTargetGroup, false, String(age));
    assert.equal(d.handling, 'return', String(age));
    assert.ok(d.reasons.includes('Tillhör inte målgruppen: åldern är inte fastställd.'), String(age));
    assert.ok(d.reasons.includes('Hantering: återlämnas till polisen, eftersom åldern inte kunde fastställas.'), String(age));
  }
});

test('the routing reason says weekend, not "outside office hours", on a Saturday and a Sunday', () => {
  assert.equal(
    contactLine(route('0182', '0182', 15, '2025-03-08', '12:00')),
    'Kontakt: Nackas mottagning är stängd lördag 2025-03-08 kl. 12:00 (helg); Sydostjouren svarar för Nacka: ring 08-465 004 70 (Jourtelefon).',
  );
  assert.equal(
    contactLine(route('0184', '0184', 15, '2025-03-09', '03:00')),
    'Kontakt: Solnas mottagning är stängd söndag 2025-03-09 kl. 03:00 (helg); Nordvästjouren svarar för Solna: ring 08-465 004 74 (Jourtelefon).',
  );
});

test('the routing reason says "outside office hours" on a weekday evening, night and early morning', () => {
  for (const [date, time, day] of [
    ['2025-03-03', '17:00', 'måndag'],
    ['2025-03-05', '23:59', 'onsdag'],
    ['2025-03-06', '00:00', 'torsdag'],
    ['2025-03-07', '07:59', 'fredag'],
  ] as const) {
    assert.equal(
      contactLine(route('0182', '0182', 15, date, time)),
      `Kontakt: Nackas mottagning är stängd ${day} ${date} kl. ${time} (utanför kontorstid); Sydostjouren svarar för Nacka: ring 08-465 004 70 (Jourtelefon).`,
    );
  }
});

test('a weekend day with opening hours that is closed at the moment is "outside office hours", not weekend', () => {
  const dir = demoDirectory();
  const nacka = dir.intakeUnits.find((u) => u.municipalityCode === '0182')!;
  nacka.hours.weekly[6] = [{ start: '10:00', end: '14:00' }];
  assert.equal(route('0182', '0182', 15, '2025-03-08', '11:00', dir).contact?.kind, 'office');
  assert.match(contactLine(route('0182', '0182', 15, '2025-03-08', '15:00', dir)) ?? '', /\(utanför kontorstid\)/);
});

test('a weekday without any weekly hours is "outside office hours": only Saturday and Sunday are the weekend', () => {
  const dir = demoDirectory();
  const nacka = dir.intakeUnits.find((u) => u.municipalityCode === '0182')!;
  delete nacka.hours.weekly[3];
  assert.match(contactLine(route('0182', '0182', 15, '2025-03-05', '10:00', dir)) ?? '', /onsdag 2025-03-05 kl\. 10:00 \(utanför kontorstid\)/);
});

test('holidays and eves are named in the reason, also when they fall on a weekend', () => {
  assert.equal(
    contactLine(route('0184', '0184', 15, '2025-12-24', '10:00')),
    'Kontakt: Solnas mottagning är stängd onsdag 2025-12-24 kl. 10:00 (julafton); Nordvästjouren svarar för Solna: ring 08-465 004 74 (Jourtelefon).',
  );
  assert.match(contactLine(route('0184', '0184', 15, '2025-12-25', '10:00')) ?? '', /torsdag 2025-12-25 kl\. 10:00 \(juldagen\);/);
  // Midsommardagen 2025 is a Saturday: the holiday explains it, not the weekend.
  assert.match(contactLine(route('0184', '0184', 15, '2025-06-21', '10:00')) ?? '', /lördag 2025-06-21 kl\. 10:00 \(midsommardagen\);/);
  assert.match(contactLine(route('0180', '0180', 15, '2025-06-20', '10:00')) ?? '', /^Kontakt: Stockholms mottagning är stängd fredag 2025-06-20 kl\. 10:00 \(midsommarafton\); Stockholms stads socialjour svarar dygnet runt/);
});

test('a shortened day before a holiday says so after it has closed', () => {
  assert.equal(
    contactLine(route('0126', '0126', 12, '2025-05-28', '13:00')),
    'Kontakt: Huddinges mottagning är stängd onsdag 2025-05-28 kl. 13:00 (förkortad dag, dag före kristi himmelsfärdsdag); Södertörnsjouren svarar för Huddinge: ring 08-465 004 71 (Jourtelefon).',
  );
});

test('a calendar exception is the reason, with its note when it has one', () => {
  const dir = demoDirectory();
  const nacka = dir.intakeUnits.find((u) => u.municipalityCode === '0182')!;
  nacka.hours.exceptions = [
    { date: '2025-03-04', ranges: [], note: 'Personaldag' },
    { date: '2025-03-05', ranges: [{ start: '08:00', end: '12:00' }] },
  ];
  assert.match(contactLine(route('0182', '0182', 15, '2025-03-04', '10:00', dir)) ?? '', /kl\. 10:00 \(undantag: Personaldag\); Sydostjouren/);
  assert.equal(route('0182', '0182', 15, '2025-03-05', '11:59', dir).contact?.kind, 'office');
  assert.match(contactLine(route('0182', '0182', 15, '2025-03-05', '12:00', dir)) ?? '', /kl\. 12:00 \(undantag i kalendern\); Sydostjouren/);
});

test('a municipality without an intake unit in the directory: the jour answers and the reason says there is no intake', () => {
  const dir = demoDirectory();
  dir.intakeUnits = dir.intakeUnits.filter((u) => u.municipalityCode !== '0182');
  assert.equal(
    contactLine(route('0182', '0182', 15, '2025-03-04', '10:00', dir)),
    'Kontakt: Nackas mottagning är stängd tisdag 2025-03-04 kl. 10:00 (ingen mottagning finns i katalogen); Sydostjouren svarar för Nacka: ring 08-465 004 70 (Jourtelefon).',
  );
});

test('the chain reason counts the contacts after the first: none, one, several', () => {
  const dir = demoDirectory();
  const sydost = dir.jourGroups.find((g) => g.orgId === 'jour-sydost')!;
  const lastLine = (d: RoutingDecision) => d.reasons.at(-1);
  sydost.contacts = [{ label: 'Jourtelefon', phone: '08-465 004 70' }];
  const one = route('0182', '0182', 15, '2025-03-08', '12:00', dir);
  assert.deepEqual(one.chain, []);
  assert.match(lastLine(one) ?? '', /^Kontakt: /, 'no chain line when nobody else is there');
  assert.equal(one.reasons.filter((r) => r.startsWith('Om ingen svarar')).length, 0);
  sydost.contacts = [
    { label: 'Jourtelefon', phone: '08-465 004 70' },
    { label: 'Jourchef', phone: '070-174 06 40' },
    { label: 'Reserv', phone: '070-174 06 41' },
  ];
  const three = route('0182', '0182', 15, '2025-03-08', '12:00', dir);
  assert.equal(three.chain.length, 2);
  assert.equal(lastLine(three), 'Om ingen svarar finns 2 reservkontakter i kedjan.');
});

test('how to reach a contact: call a phone, else write to an e-mail address, else its label', () => {
  const dir = demoDirectory();
  const uppsala = dir.municipalities.find((m) => m.code === '0380')!;
  assert.equal(contactLine(route('0380', '0184', 15, '2025-03-04', '10:00', dir)), 'Kontakt: Uppsalas registratur: ring 08-465 004 56 (Registratur).');
  uppsala.registryPhone = null;
  const byMail = route('0380', '0184', 15, '2025-03-04', '10:00', dir);
  assert.equal(contactLine(byMail), 'Kontakt: Uppsalas registratur: skicka till registrator@uppsala.demo.envagin.se (Registratur).');
  assert.equal(byMail.contact?.phone, null);
  uppsala.registryEmail = null;
  uppsala.registryPhone = '018-727 00 00';
  const byPhone = route('0380', '0184', 15, '2025-03-04', '10:00', dir);
  assert.deepEqual(byPhone.contact, { kind: 'office', orgId: null, orgName: 'Uppsala', phone: '018-727 00 00', email: null, label: 'Registratur' });
  // No registry and an intake whose only contact has neither phone nor e-mail: the label is all we have.
  uppsala.registryPhone = null;
  dir.intakeUnits.push({ orgId: 'intake-0380', name: 'Uppsala mottagning', municipalityCode: '0380', hours: dir.intakeUnits[0]!.hours, contacts: [{ label: 'Receptionen', phone: '' }] });
  const labelOnly = route('0380', '0184', 15, '2025-03-04', '10:00', dir);
  assert.equal(contactLine(labelOnly), 'Kontakt: registratur för Uppsala saknas i katalogen; använd Uppsala mottagning: Receptionen.');
  assert.deepEqual(labelOnly.contact, { kind: 'office', orgId: 'intake-0380', orgName: 'Uppsala mottagning', phone: null, email: null, label: 'Receptionen' });
});

test('forwarding without a registry uses the intake unit with contacts; without either the reason says to use the switchboard', () => {
  const dir = demoDirectory();
  const nacka = dir.municipalities.find((m) => m.code === '0182')!;
  nacka.registryEmail = null;
  nacka.registryPhone = null;
  // An empty unit listed first is passed over for the one that has contacts.
  dir.intakeUnits.unshift({ orgId: 'intake-0182-empty', name: 'Tom enhet', municipalityCode: '0182', hours: dir.intakeUnits[0]!.hours, contacts: [] });
  const d = route('0182', '0182', 15, '2024-02-01', '10:00', dir);
  assert.equal(contactLine(d), 'Kontakt: registratur för Nacka saknas i katalogen; använd Mottagningen barn och unga, Nacka: ring 08-465 004 20 (Mottagningen).');
  assert.deepEqual(
    [d.contact, ...d.chain].map((c) => c && [c.kind, c.orgId, c.orgName, c.phone, c.email, c.label]),
    [
      ['office', 'intake-0182', 'Mottagningen barn och unga, Nacka', '08-465 004 20', 'mottagning@nacka.demo.envagin.se', 'Mottagningen'],
      ['office', 'intake-0182', 'Mottagningen barn och unga, Nacka', '070-174 06 23', null, 'Mottagningens samordnare'],
    ],
  );
  dir.intakeUnits = dir.intakeUnits.filter((u) => u.municipalityCode !== '0182' || u.contacts.length === 0);
  const none = route('0182', '0182', 15, '2024-02-01', '10:00', dir);
  assert.equal(none.contact, null);
  assert.equal(contactLine(none), 'Ingen registratur eller mottagning för Nacka finns i katalogen; kontakta kommunen via dess växel.');
  // A forward never needs an open office: it is an item to register, not a phone call.
  assert.equal(route('0380', '0184', 15, '2025-03-08', '03:00').contact?.label, 'Registratur');
});

test('a coverage gap at routing time: nobody reachable, escalate to the hub supervisor', () => {
  const dir = demoDirectory();
  for (const g of dir.jourGroups) g.members = g.members.filter((m) => m.municipalityCode !== '0182');
  assert.equal(
    contactLine(route('0182', '0182', 15, '2025-03-07', '23:00', dir)),
    'Ingen nåbar kontakt för Nacka fredag 2025-03-07 kl. 23:00: täckningslucka i katalogen. Eskalera till socialjourens arbetsledare.',
  );
});

test('a child of a non-collaborating county municipality found outside Stockholm has basis none and is forwarded', () => {
  const d = route('0182', '0184', 15, '2024-02-01', '10:00');
  assert.equal(d.inTargetGroup, false);
  assert.equal(d.basis, 'none');
  assert.equal(d.handling, 'forward');
  assert.deepEqual(d.responsibleMunicipality, { code: '0182', name: 'Nacka' });
  assert.equal(d.agreement, null);
});

test('found in Stockholm, resident in a non-collaborating municipality: own_stay, and the residence municipality is to be told', () => {
  const d = route('0182', '0180', 15, '2024-02-01', '10:00');
  assert.equal(d.inTargetGroup, false);
  assert.ok(d.reasons.includes('Tillhör inte målgruppen: inte bosatt i en samverkande kommun i Stockholms län.'));
  assert.ok(d.reasons.includes('Grund: barnet påträffades i Stockholm, som är vistelsekommun.'));
  assert.ok(
    d.reasons.includes(
      'Hantering: Stockholms stad tillgodoser de akuta behoven som vistelsekommun. Bosättningskommunen Nacka (0182) ska underrättas och ärendet överlämnas eller vidarebefordras dit.',
    ),
  );
  const unknown = route('unknown', '0180', 15, '2025-03-04', '10:00');
  assert.deepEqual(unknown.reasons.slice(2), [
    'Bosättningskommunen är okänd.',
    'Tillhör inte målgruppen: bosättningskommunen är inte känd.',
    'Grund: barnet påträffades i Stockholm, som är vistelsekommun.',
    'Hantering: Stockholms stad tillgodoser de akuta behoven som vistelsekommun. Bosättningskommunen är okänd: ta reda på den och underrätta den när den är känd.',
    'Kontakt: Stockholms stad, mottagningen barn och unga är öppen tisdag 2025-03-04 kl. 10:00: ring 08-465 004 18 (Mottagningen).',
    'Om ingen svarar finns 1 reservkontakt i kedjan.',
  ]);
});

test('residence outside the county: the municipality does not take part, found in the county or not', () => {
  const d = route('0380', '0184', 15, '2025-03-04', '10:00');
  assert.deepEqual(d.reasons.slice(1, 6), [
    'Påträffad i Solna (0184), inom Stockholms län.',
    'Bosatt i Uppsala (0380), utanför Stockholms län: kommunen omfattas inte av samverkan.',
    'Tillhör inte målgruppen: inte bosatt i en samverkande kommun i Stockholms län.',
    BASIS_NONE,
    'Hantering: vidarebefordras enligt förvaltningslagen till Uppsala (0380) som bosättningskommun; polisen informeras om vidarebefordran.',
  ]);
  const outside = route('0380', '0380', 15, '2025-03-04', '10:00');
  assert.equal(outside.reasons[1], 'Påträffad i Uppsala (0380), utanför Stockholms län.');
  assert.equal(outside.reasons[3], 'Tillhör inte målgruppen: inte påträffad i Stockholms län; inte bosatt i en samverkande kommun i Stockholms län.');
});

test('an agreement recorded for a municipality outside the county does not make it collaborate', () => {
  const dir = demoDirectory();
  dir.agreements.push({ municipalityCode: '0380', decidedBy: 'Socialnämnden i Uppsala', dnr: 'UPP-1', decisionDate: '2024-01-01', validFrom: '2024-01-01', validTo: null, terminatedFrom: null });
  const d = route('0380', '0184', 15, '2025-03-04', '10:00', dir);
  assert.equal(d.inTargetGroup, false);
  assert.ok(d.reasons.includes('Bosatt i Uppsala (0380), utanför Stockholms län: kommunen omfattas inte av samverkan.'));
});

test('a Stockholm resident found outside the county: Stockholm still acts, but the child is not in the target group', () => {
  const d = route('0180', '0380', 15, '2025-03-04', '10:00');
  assert.deepEqual(d.reasons.slice(1, 4), [
    'Påträffad i Uppsala (0380), utanför Stockholms län.',
    'Bosatt i Stockholm (0180).',
    'Tillhör inte målgruppen: inte påträffad i Stockholms län.',
  ]);
});

test('residence unknown and found outside Stockholm: forwarded to where the child was found', () => {
  const d = route('unknown', '0182', 15, '2025-03-07', '23:00');
  assert.ok(
    d.reasons.includes(
      'Hantering: vidarebefordras enligt förvaltningslagen till Nacka (0182) som vistelsekommun, eftersom bosättningskommunen inte kunde identifieras; polisen informeras om vidarebefordran.',
    ),
  );
  assert.equal(contactLine(d), 'Kontakt: Nackas registratur: ring 08-465 004 48 (Registratur).');
});

test('nobody responsible: residence unknown and the place found unknown → returned to the police', () => {
  const d = route('UNKNOWN', '9999', 15, '2025-03-04', '10:00');
  assert.equal(d.reasons[2], 'Bosättningskommunen är okänd.', '"unknown" is read case-insensitively');
  assert.ok(d.reasons.includes('Hantering: återlämnas till polisen, eftersom ingen ansvarig kommun kunde identifieras.'));
  assert.equal(d.reasons.at(-1), 'Ingen kontakt: ärendet återlämnas till polisen.');
});

test('malformed and unknown municipality codes are explained, quoting what was given', () => {
  const bad = route('abc', ' 12', 15, '2025-03-04', '10:00');
  assert.deepEqual(bad.reasons.slice(1, 3), [
    'Ogiltig kommunkod för påträffandekommun (" 12"): en kommunkod har fyra siffror.',
    'Ogiltig kommunkod för bosättningskommun ("abc"): behandlas som okänd.',
  ]);
  assert.ok(bad.reasons.includes('Tillhör inte målgruppen: inte påträffad i Stockholms län; bosättningskommunen är inte känd.'));
  // Only residence may be 'unknown': a place found must be a code.
  assert.equal(route('0182', 'unknown', 15, '2025-03-04', '10:00').reasons[1], 'Ogiltig kommunkod för påträffandekommun ("unknown"): en kommunkod har fyra siffror.');
  const missing = route('2480', '0182', 15, '2025-03-04', '10:00');
  assert.equal(missing.reasons[2], 'Bosättningskommunen 2480 finns inte i katalogen.');
  assert.ok(missing.reasons.includes('Tillhör inte målgruppen: inte bosatt i en samverkande kommun i Stockholms län.'));
  // Codes are read with surrounding spaces removed.
  const spaced = route(' 0182 ', ' 0182', 15, '2025-03-04', '10:00');
  assert.equal(spaced.inTargetGroup, true);
  assert.deepEqual(spaced.responsibleMunicipality, { code: '0182', name: 'Nacka' });
  assert.equal(route('0182 ', '0180', 15, '2025-03-04', '10:00').basis, 'agreement');
});

test('an agreement for a code missing from the directory: basis agreement, handed over to the bare code', () => {
  const dir = demoDirectory();
  dir.agreements.push({ municipalityCode: '0199', decidedBy: 'Socialnämnden', dnr: 'X-1', decisionDate: '2024-01-01', validFrom: '2024-01-01', validTo: null, terminatedFrom: null });
  const d = route('0199', '0184', 15, '2025-03-04', '10:00', dir);
  assert.equal(d.inTargetGroup, false);
  assert.equal(d.basis, 'agreement');
  assert.equal(d.handling, 'handover');
  assert.deepEqual(d.responsibleMunicipality, { code: '0199', name: '0199' });
  assert.equal(d.agreement?.dnr, 'X-1');
  assert.ok(d.reasons.includes('Grund: avtalssamverkan med 0199, i kraft på mottagningsdagen.'));
  assert.ok(d.reasons.includes('Hantering: överlämnas till 0199 (0199) som bosättningskommun, enligt samverkansavtalet.'));
});

test('the agreement summary is the one in force on the receipt date, the latest if several are', () => {
  const dir = demoDirectory();
  dir.agreements.push({
    municipalityCode: '0182',
    decidedBy: 'Socialnämnden i Nacka kommun',
    dnr: 'SOCN-2025-00001',
    decisionDate: '2025-01-10',
    validFrom: '2025-02-01',
    validTo: null,
    terminatedFrom: null,
  });
  assert.equal(route('0182', '0182', 15, '2025-01-31', '10:00', dir).agreement?.dnr, 'SOCN-2024-00067');
  assert.deepEqual(route('0182', '0182', 15, '2025-03-04', '10:00', dir).agreement, {
    dnr: 'SOCN-2025-00001',
    validFrom: '2025-02-01',
    validTo: null,
    decidedBy: 'Socialnämnden i Nacka kommun',
    decisionDate: '2025-01-10',
  });
  assert.ok(route('0182', '0182', 15, '2025-03-04', '10:00', dir).reasons.some((r) => r.includes('gäller 2025-02-01–tills vidare')));
});

test('Swedish genitive: an s is added unless the name already ends in s, x or z', () => {
  assert.equal(genitive('Nacka'), 'Nackas');
  assert.equal(genitive('Upplands Väsby'), 'Upplands Väsbys');
  assert.equal(genitive('Vännäs'), 'Vännäs');
  assert.equal(genitive('VÄNNÄS'), 'VÄNNÄS');
  assert.equal(genitive('Lax'), 'Lax');
  assert.equal(genitive('Ruiz'), 'Ruiz');
  assert.equal(genitive('Stockholms län'), 'Stockholms län' + 's');
});

test('the moment in a reason: Swedish weekday, date and time', () => {
  const days = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'];
  days.forEach((day, i) => assert.equal(whenText(`2025-03-0${3 + i}`, '09:05', i + 1), `${day} 2025-03-0${3 + i} kl. 09:05`));
  // An impossible weekday leaves the name out instead of printing "undefined".
  assert.equal(whenText('2025-03-03', '09:05', 0), '2025-03-03 kl. 09:05');
  assert.equal(whenText('2025-03-03', '09:05', 8), '2025-03-03 kl. 09:05');
});

test('a Stockholm resident is Stockholm’s own case even if an agreement row names Stockholm: no agreement is reported', () => {
  const dir = demoDirectory();
  dir.agreements.push({ municipalityCode: '0180', decidedBy: 'Kommunfullmäktige', dnr: 'KS-1', decisionDate: '2024-01-01', validFrom: '2024-01-01', validTo: null, terminatedFrom: null });
  const d = route('0180', '0180', 15, '2025-03-04', '10:00', dir);
  assert.equal(d.basis, 'own_residence');
  assert.equal(d.agreement, null);
  assert.equal(d.reasons[2], 'Bosatt i Stockholm (0180).');
});
