// Every user-facing explanation the routing rules give, in Swedish, in one place so that
// wording can be reviewed by the social services and translated later without touching rules.

import type { Agreement, IsoDate } from './directory-types.ts';
import type { RoutingContact } from './contacts.ts';

export interface NamedMunicipality {
  code: string;
  name: string;
}

const WEEKDAYS = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'] as const;

/** Swedish genitive: 'Nacka' → 'Nackas', but 'Vännäs' → 'Vännäs'. */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

/** 'tisdag 2025-03-04 kl. 10:00' */
export function whenText(date: IsoDate, time: string, isoWeekday: number): string {
  return `${WEEKDAYS[isoWeekday - 1] ?? ''} ${date} kl. ${time}`.trim();
}

function mun(m: NamedMunicipality): string {
  return `${m.name} (${m.code})`;
}

function reach(c: RoutingContact): string {
  if (c.phone) return `ring ${c.phone} (${c.label})`;
  return c.email ? `skicka till ${c.email} (${c.label})` : c.label;
}

export function agreementText(a: Agreement): string {
  return `Dnr ${a.dnr}, beslutat ${a.decisionDate} av ${a.decidedBy}, gäller ${a.validFrom}–${a.validTo ?? 'tills vidare'}`;
}

export const reasonText = {
  // Age
  child: (age: number, date: IsoDate) => `Barnet är ${age} år på mottagningsdagen ${date} (under 18 år).`,
  adult: (age: number, date: IsoDate) => `Personen är ${age} år på mottagningsdagen ${date}: inte ett barn (18 år eller äldre).`,
  invalidAge: (age: number) => `Ogiltig ålder (${age}): åldern ska vara ett heltal mellan 0 och 149.`,

  // Where the child was found
  foundInCounty: (m: NamedMunicipality) => `Påträffad i ${mun(m)}, inom Stockholms län.`,
  foundOutsideCounty: (m: NamedMunicipality) => `Påträffad i ${mun(m)}, utanför Stockholms län.`,
  foundUnknownCode: (code: string) => `Påträffandekommunen ${code} finns inte i katalogen; det går inte att avgöra om barnet påträffades i Stockholms län.`,
  foundInvalidCode: (code: string) => `Ogiltig kommunkod för påträffandekommun (${JSON.stringify(code)}): en kommunkod har fyra siffror.`,

  // Where the child lives
  residenceStockholm: () => 'Bosatt i Stockholm (0180).',
  residenceAgreement: (m: NamedMunicipality, a: Agreement) => `Bosatt i ${mun(m)}, som samverkar genom avtal i kraft på mottagningsdagen (${agreementText(a)}).`,
  residenceNoAgreement: (m: NamedMunicipality, date: IsoDate) => `Bosatt i ${mun(m)}, som inte har något samverkansavtal i kraft på mottagningsdagen ${date}.`,
  residenceOutsideCounty: (m: NamedMunicipality) => `Bosatt i ${mun(m)}, utanför Stockholms län: kommunen omfattas inte av samverkan.`,
  residenceUnknown: () => 'Bosättningskommunen är okänd.',
  residenceUnknownCode: (code: string) => `Bosättningskommunen ${code} finns inte i katalogen.`,
  residenceInvalidCode: (code: string) => `Ogiltig kommunkod för bosättningskommun (${JSON.stringify(code)}): behandlas som okänd.`,

  // Target group (seed 001)
  inTargetGroup: () => 'Tillhör målgruppen: under 18 år, påträffad i Stockholms län och bosatt i en samverkande kommun.',
  notInTargetGroup: (why: string[]) => `Tillhör inte målgruppen: ${why.join('; ')}.`,
  whyNotChild: 'inte under 18 år',
  whyAgeUnknown: 'åldern är inte fastställd',
  whyNotFoundInCounty: 'inte påträffad i Stockholms län',
  whyResidenceUnknown: 'bosättningskommunen är inte känd',
  whyResidenceNotCollaborating: 'inte bosatt i en samverkande kommun i Stockholms län',

  // Legal basis (seed 000)
  basisOwnResidence: () => 'Grund: Stockholm är barnets bosättningskommun.',
  basisAgreement: (m: NamedMunicipality) => `Grund: avtalssamverkan med ${m.name}, i kraft på mottagningsdagen.`,
  basisOwnStay: () => 'Grund: barnet påträffades i Stockholm, som är vistelsekommun.',
  basisNone: () =>
    'Grund saknas: Stockholm är varken bosättnings- eller vistelsekommun och inget samverkansavtal med bosättningskommunen är i kraft. Socialjouren får inte handlägga ärendet.',

  // Handling
  returnAdult: () => 'Hantering: återlämnas till polisen, eftersom personen inte är ett barn.',
  returnInvalidAge: () => 'Hantering: återlämnas till polisen, eftersom åldern inte kunde fastställas.',
  returnNoResponsible: () => 'Hantering: återlämnas till polisen, eftersom ingen ansvarig kommun kunde identifieras.',
  ownResidence: () => 'Hantering: Stockholms stad handlägger själv som bosättningskommun.',
  ownStayKnown: (residence: NamedMunicipality) =>
    `Hantering: Stockholms stad tillgodoser de akuta behoven som vistelsekommun. Bosättningskommunen ${mun(residence)} ska underrättas och ärendet överlämnas eller vidarebefordras dit.`,
  ownStayUnknown: () =>
    'Hantering: Stockholms stad tillgodoser de akuta behoven som vistelsekommun. Bosättningskommunen är okänd: ta reda på den och underrätta den när den är känd.',
  handover: (m: NamedMunicipality) => `Hantering: överlämnas till ${mun(m)} som bosättningskommun, enligt samverkansavtalet.`,
  forwardResidence: (m: NamedMunicipality) =>
    `Hantering: vidarebefordras enligt förvaltningslagen till ${mun(m)} som bosättningskommun; polisen informeras om vidarebefordran.`,
  forwardFound: (m: NamedMunicipality) =>
    `Hantering: vidarebefordras enligt förvaltningslagen till ${mun(m)} som vistelsekommun, eftersom bosättningskommunen inte kunde identifieras; polisen informeras om vidarebefordran.`,

  // Contact
  contactOffice: (c: RoutingContact, when: string) => `Kontakt: ${c.orgName} är öppen ${when}: ${reach(c)}.`,
  contactJour: (m: NamedMunicipality, c: RoutingContact, when: string, whyClosed: string) =>
    `Kontakt: ${genitive(m.name)} mottagning är stängd ${when} (${whyClosed}); ${c.orgName} svarar för ${m.name}: ${reach(c)}.`,
  contactHub: (c: RoutingContact, when: string, whyClosed: string) =>
    `Kontakt: Stockholms mottagning är stängd ${when} (${whyClosed}); ${c.orgName} svarar dygnet runt: ${reach(c)}.`,
  contactNone: (m: NamedMunicipality, when: string) =>
    `Ingen nåbar kontakt för ${m.name} ${when}: täckningslucka i katalogen. Eskalera till socialjourens arbetsledare.`,
  contactRegistry: (m: NamedMunicipality, c: RoutingContact) => `Kontakt: ${genitive(m.name)} registratur: ${reach(c)}.`,
  contactForwardIntake: (m: NamedMunicipality, c: RoutingContact) =>
    `Kontakt: registratur för ${m.name} saknas i katalogen; använd ${c.orgName}: ${reach(c)}.`,
  contactForwardNone: (m: NamedMunicipality) =>
    `Ingen registratur eller mottagning för ${m.name} finns i katalogen; kontakta kommunen via dess växel.`,
  contactReturn: () => 'Ingen kontakt: ärendet återlämnas till polisen.',
  chain: (n: number) => `Om ingen svarar finns ${n} ${n === 1 ? 'reservkontakt' : 'reservkontakter'} i kedjan.`,

  // Why an intake is closed (used inside contactJour/contactHub)
  closedEveOrHoliday: (name: string) => name.toLowerCase(),
  closedShortDay: (note: string) => `förkortad dag, ${note}`,
  closedException: (note: string | null) => (note ? `undantag: ${note}` : 'undantag i kalendern'),
  closedWeekend: 'helg',
  closedOutsideHours: 'utanför kontorstid',
  closedNoIntake: 'ingen mottagning finns i katalogen',
} as const;
