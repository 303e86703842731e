// Request shapes of the routing routes; what they answer is in the contract (src/shared/api/routing.ts).
import { z } from 'zod';
import { Kommunkod } from '../../shared/api/common.ts';

export const RoutingQuery = z.strictObject({
  residence: z.union([Kommunkod, z.literal('unknown')]),
  found: Kommunkod,
  age: z.coerce.number().int('Ålder anges i hela år').min(0).max(130),
  /** Receipt time (ISO 8601 with offset); default now. */
  at: z.iso.datetime({ offset: true, message: 'Ange tid enligt ISO 8601, t.ex. 2026-06-19T23:00:00+02:00' }).optional(),
});

export const CoverageQuery = z.strictObject({
  from: z.iso.date('Ange datum som ÅÅÅÅ-MM-DD'),
  days: z.coerce.number().int().min(1).max(400).default(7),
});
