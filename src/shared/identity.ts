// The check of a personnummer or samordningsnummer, and the age on a date, are part of the
// contract: the police form runs the very function the server files with, so the officer sees
// the server's own words before sending. The rules stay in the domain (pure, no I/O).
export { ageOn, parseIdentityNumber, type IdentityResult } from '../domain/identity.ts';
