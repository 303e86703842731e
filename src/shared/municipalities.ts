// The municipalities the web app offers in its pickers without asking the server: the 26 of
// Stockholm county (DESIGN.md section 5) and a few outside it that a report or a forwarded case
// may name. Kommunkoder are SCB's; the directory on the server stays the source of truth.

export interface MunicipalityName {
  code: string;
  name: string;
}

export const countyMunicipalities: readonly MunicipalityName[] = [
  { code: '0114', name: 'Upplands Väsby' },
  { code: '0115', name: 'Vallentuna' },
  { code: '0117', name: 'Österåker' },
  { code: '0120', name: 'Värmdö' },
  { code: '0123', name: 'Järfälla' },
  { code: '0125', name: 'Ekerö' },
  { code: '0126', name: 'Huddinge' },
  { code: '0127', name: 'Botkyrka' },
  { code: '0128', name: 'Salem' },
  { code: '0136', name: 'Haninge' },
  { code: '0138', name: 'Tyresö' },
  { code: '0139', name: 'Upplands-Bro' },
  { code: '0140', name: 'Nykvarn' },
  { code: '0160', name: 'Täby' },
  { code: '0162', name: 'Danderyd' },
  { code: '0163', name: 'Sollentuna' },
  { code: '0180', name: 'Stockholm' },
  { code: '0181', name: 'Södertälje' },
  { code: '0182', name: 'Nacka' },
  { code: '0183', name: 'Sundbyberg' },
  { code: '0184', name: 'Solna' },
  { code: '0186', name: 'Lidingö' },
  { code: '0187', name: 'Vaxholm' },
  { code: '0188', name: 'Norrtälje' },
  { code: '0191', name: 'Sigtuna' },
  { code: '0192', name: 'Nynäshamn' },
];

/** Outside the county: only as a child's residence or a forwarding target. */
export const otherMunicipalities: readonly MunicipalityName[] = [
  { code: '0380', name: 'Uppsala' },
  { code: '0480', name: 'Nyköping' },
  { code: '1280', name: 'Malmö' },
  { code: '1480', name: 'Göteborg' },
];

/** County municipalities in alphabetical (Swedish) order, for pickers. */
export const countyByName: readonly MunicipalityName[] = [...countyMunicipalities].sort((a, b) => a.name.localeCompare(b.name, 'sv'));

const byCode = new Map([...countyMunicipalities, ...otherMunicipalities].map((m) => [m.code, m.name]));

/** "Nacka" for 0182; the code itself when the list does not know it. */
export function municipalityName(code: string | null | undefined): string | null {
  if (!code) return null;
  return byCode.get(code) ?? code;
}
