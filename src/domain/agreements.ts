// Collaboration agreements (avtalssamverkan, 9 kap. 37 § kommunallagen). Stockholm may process
// another municipality's case only while that municipality's agreement is in force: its
// decision has been taken (decisionDate), the day is within validFrom..validTo (inclusive) and
// the agreement has not been terminated. All dates are Stockholm calendar dates; ISO strings
// compare correctly as strings.

import type { Agreement, DirectorySnapshot, IsoDate, Municipality } from './directory-types.ts';

/** Stockholm stad: the hub's municipality, always "collaborating" with itself. */
export const STOCKHOLM_CODE = '0180';

const KOMMUNKOD = /^\d{4}$/;

/** A kommunkod is four digits (county two + municipality two). */
export function isKommunkod(code: string): boolean {
  return KOMMUNKOD.test(code);
}

export function findMunicipality(dir: DirectorySnapshot, code: string): Municipality | null {
  return dir.municipalities.find((m) => m.code === code) ?? null;
}

export function isAgreementInForce(a: Agreement, date: IsoDate): boolean {
  return (
    a.decisionDate <= date &&
    a.validFrom <= date &&
    (a.validTo === null || date <= a.validTo) &&
    (a.terminatedFrom === null || date < a.terminatedFrom)
  );
}

/** The agreement in force for the municipality on the date (latest validFrom if several). */
export function agreementInForce(dir: DirectorySnapshot, code: string, date: IsoDate): Agreement | null {
  let best: Agreement | null = null;
  for (const a of dir.agreements) {
    if (a.municipalityCode !== code || !isAgreementInForce(a, date)) continue;
    if (!best || a.validFrom > best.validFrom) best = a;
  }
  return best;
}

/** Agreements on record for the municipality that are NOT in force on the date (for reasons). */
export function agreementsNotInForce(dir: DirectorySnapshot, code: string, date: IsoDate): Agreement[] {
  return dir.agreements.filter((a) => a.municipalityCode === code && !isAgreementInForce(a, date));
}

/** Why an agreement does not apply on a date, in Swedish. */
export function whyNotInForce(a: Agreement, date: IsoDate): string {
  const ref = `Avtalet (Dnr ${a.dnr})`;
  if (a.terminatedFrom !== null && date >= a.terminatedFrom) return `${ref} är uppsagt och gäller inte från ${a.terminatedFrom}.`;
  if (a.validTo !== null && date > a.validTo) return `${ref} gällde till och med ${a.validTo}.`;
  if (date < a.decisionDate) return `${ref} beslutades först ${a.decisionDate} (${a.decidedBy}).`;
  if (date < a.validFrom) return `${ref} gäller först från ${a.validFrom}.`;
  return `${ref} gäller ${date}.`;
}

/** Does the municipality take part in the collaboration on this date (Stockholm always does)? */
export function collaboratesOn(dir: DirectorySnapshot, code: string, date: IsoDate): boolean {
  if (code === STOCKHOLM_CODE) return true;
  const m = findMunicipality(dir, code);
  return m !== null && m.inCounty && agreementInForce(dir, code, date) !== null;
}
