import { createHmac } from 'node:crypto';

/**
 * A keyed hash of a normalised identity number. The audit log stores this, so "who has seen this
 * child's data" can be answered for a personnummer without the append-only log ever holding it
 * (a plain hash would not do: there are few enough personnummer to try them all).
 */
export function personRef(key: string, identityNumber: string): string {
  return createHmac('sha256', key).update(identityNumber).digest('hex').slice(0, 32);
}

// Personnummer or samordningsnummer (YYMMDD or YYYYMMDD, optional separator, four digits).
const IDENTITY_NUMBER = /(?<!\d)(\d{2})?\d{6}[-+\s]?\d{4}(?!\d)/;

/** True when the text holds something shaped like a personnummer or samordningsnummer. */
export function holdsIdentityNumber(text: string): boolean {
  return IDENTITY_NUMBER.test(text);
}
