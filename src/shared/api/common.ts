// Building blocks of the API shapes that several features use.
import { z } from 'zod';

/** SCB's kommunkod: four digits. */
export const Kommunkod = z.string().regex(/^\d{4}$/, 'Kommunkod är fyra siffror');

/** A calendar date, ÅÅÅÅ-MM-DD. */
export const IsoDate = z.iso.date('Ange datum som ÅÅÅÅ-MM-DD');
