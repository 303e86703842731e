// Swedish identity numbers (personnummer, samordningsnummer) and age on the receipt date.
//
// The `personnummer` package validates the number, but (a) it resolves the century of a
// 10-digit number from today's date, not from the receipt date, (b) it accepts birth dates in
// the future and (c) it only says valid/invalid. Envagin must explain to the police officer
// what is wrong and must give the same answer when a case is re-evaluated later, so we resolve
// the century against the receipt date ourselves, classify the error, and then let the package
// confirm the 12-digit form.

import Personnummer from 'personnummer';
import type { IsoDate } from './directory-types.ts';
import { isValidIsoDate } from './stockholm-time.ts';

export type IdentityKind = 'personnummer' | 'samordningsnummer';
export type IdentityErrorCode = 'invalid_format' | 'invalid_checksum' | 'invalid_date' | 'future_birth_date';

export type IdentityResult =
  | { ok: true; kind: IdentityKind; birthDate: IsoDate; normalized: string }
  | { ok: false; code: IdentityErrorCode; message: string };

/** Oldest birth year we accept, relative to the receipt year: anything older is a typo. */
const MAX_PLAUSIBLE_AGE = 130;

const FORMAT = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/;

function fail(code: IdentityErrorCode, message: string): IdentityResult {
  return { ok: false, code, message };
}

/** Luhn check digit over the 9 digits YYMMDDNNN (the same digits Skatteverket uses). */
function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let v = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isValidIsoDate(iso);
}

/**
 * Century of a 10-digit number, as of the receipt year (Skatteverket's rule): with '-' (or no
 * separator) the person was born in the 100 years ending with the receipt year; the separator
 * becomes '+' from the year the person turns 100, so '+' means 100 years earlier still.
 */
function resolveFullYear(yy: number, separator: string, receiptYear: number): number {
  const base = separator === '+' ? receiptYear - 100 : receiptYear;
  return base - ((((base - yy) % 100) + 100) % 100);
}

/**
 * Parses a personnummer or samordningsnummer: 'YYYYMMDD-NNNC', 'YYYYMMDDNNNC',
 * 'YYMMDD-NNNC', 'YYMMDD+NNNC' (100 years or older), 'YYMMDDNNNC'. Spaces around are ignored.
 * `receiptDate` (Stockholm date of receipt) decides the century of 10-digit numbers and what
 * counts as a future birth date. A samordningsnummer has 60 added to the day.
 * Checks in order: format, date, checksum, future date: a wrong date is reported as such even
 * if the check digit is also wrong, because the date is what the officer can verify.
 */
export function parseIdentityNumber(input: string, receiptDate: IsoDate): IdentityResult {
  if (!isValidIsoDate(receiptDate)) throw new RangeError(`Ogiltigt mottagningsdatum: ${receiptDate}`);
  const m = FORMAT.exec(input.trim());
  if (!m) {
    return fail('invalid_format', 'Ogiltigt format. Ange personnummer eller samordningsnummer som ÅÅÅÅMMDD-NNNN (eller ÅÅMMDD-NNNN).');
  }
  // Groups 2–7 always match when the regex does; `?? ''` only satisfies the type checker.
  const cc = m[1];
  const yyS = m[2] ?? '';
  const mmS = m[3] ?? '';
  const ddS = m[4] ?? '';
  const sep = m[5] ?? '';
  const nnn = m[6] ?? '';
  const check = m[7] ?? '';
  if (nnn === '000') return fail('invalid_format', 'Ogiltigt format: födelsenumret (de tre siffrorna efter datumet) kan inte vara 000.');
  const receiptYear = Number(receiptDate.slice(0, 4));
  const fullYear = cc !== undefined ? Number(cc + yyS) : resolveFullYear(Number(yyS), sep, receiptYear);
  const month = Number(mmS);
  const rawDay = Number(ddS);
  const coordination = rawDay > 60;
  const day = coordination ? rawDay - 60 : rawDay;
  const birthDate = `${String(fullYear).padStart(4, '0')}-${mmS}-${String(day).padStart(2, '0')}`;

  if (!isRealDate(fullYear, month, day)) {
    return fail('invalid_date', `Ogiltigt datum i numret: ${birthDate} finns inte.`);
  }
  if (fullYear < receiptYear - MAX_PLAUSIBLE_AGE) {
    return fail('invalid_date', `Orimligt födelseår (${fullYear}). Kontrollera numret.`);
  }
  if (luhnCheckDigit(`${yyS}${mmS}${ddS}${nnn}`) !== Number(check)) {
    return fail('invalid_checksum', 'Kontrollsiffran stämmer inte. Kontrollera att numret är rätt inskrivet.');
  }
  const twelve = `${String(fullYear).padStart(4, '0')}${mmS}${ddS}${nnn}${check}`;
  // The package confirms the 12-digit form (explicit century, so it does not use today's date).
  if (!Personnummer.valid(twelve, { allowCoordinationNumber: true, allowInterimNumber: false })) {
    return fail('invalid_checksum', 'Numret är inte ett giltigt personnummer eller samordningsnummer.');
  }
  if (birthDate > receiptDate) {
    return fail('future_birth_date', `Födelsedatumet ${birthDate} ligger efter mottagningsdagen ${receiptDate}.`);
  }
  return {
    ok: true,
    kind: coordination ? 'samordningsnummer' : 'personnummer',
    birthDate,
    normalized: `${twelve.slice(0, 8)}-${twelve.slice(8)}`,
  };
}

/**
 * Age in whole years on `onDate` (both Stockholm calendar dates). The age goes up exactly on
 * the birthday. Someone born on 29 February has their birthday on 1 March in non-leap years
 * (so they are still 17 on 28 February 2025 and turn 18 on 1 March 2025); this is the later of
 * the two common conventions, which errs on the side of treating the person as a child. Comparing
 * (month, day) with 02-29 gives exactly that: in a non-leap year 28 February comes before it and
 * 1 March after it. Before the birth date the result is negative.
 */
export function ageOn(birthDate: IsoDate, onDate: IsoDate): number {
  if (!isValidIsoDate(birthDate) || !isValidIsoDate(onDate)) {
    throw new RangeError(`Ogiltigt datum: ${birthDate} / ${onDate}`);
  }
  const by = Number(birthDate.slice(0, 4));
  const bm = Number(birthDate.slice(5, 7));
  const bd = Number(birthDate.slice(8, 10));
  const oy = Number(onDate.slice(0, 4));
  const om = Number(onDate.slice(5, 7));
  const od = Number(onDate.slice(8, 10));
  const hadBirthday = om > bm || (om === bm && od >= bd);
  return oy - by - (hadBirthday ? 0 : 1);
}
