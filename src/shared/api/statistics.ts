// API shapes of the pilot's statistics (DESIGN.md rule 11): aggregates only, every small count
// already suppressed by the server (src/domain/statistics.ts). Nothing here identifies a case.
import { z } from 'zod';
import { durationMeasures } from '../../domain/statistics.ts';
import { Kommunkod } from './common.ts';

export { durationMeasures };

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Ange månad som ÅÅÅÅ-MM');

export const StatisticsQuery = z
  .strictObject({
    /** First and last month of the period, inclusive. Whole months only, so two periods cannot be subtracted to reveal a single day. */
    from: Month,
    to: Month,
    /** Beside the county: one municipality (a municipality manager gets their own). */
    municipality: Kommunkod.optional(),
    /** Reports received in office hours, in jour time, or all. */
    hours: z.enum(['all', 'office', 'jour']).default('all'),
  })
  .refine((q) => q.from <= q.to, { message: 'Perioden måste sluta efter att den börjar', path: ['to'] })
  .refine((q) => monthsBetween(q.from, q.to) <= 36, { message: 'Perioden får vara högst 36 månader', path: ['to'] });

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export const CellDto = z.object({ value: z.number().nullable(), display: z.string() });
export const TableDto = z.object({ total: CellDto, rows: z.array(z.object({ key: z.string(), count: CellDto })) });
export const DurationDto = z.object({ n: CellDto, median: z.number().nullable(), p90: z.number().nullable(), max: z.number().nullable() });
export const ShareDto = z.object({ numerator: CellDto, denominator: CellDto, share: z.number().nullable() });

export const StatisticsReportDto = z.object({
  total: CellDto,
  byWeek: TableDto,
  byMonth: TableDto,
  byQuarter: TableDto,
  byMunicipality: TableDto,
  byOfficeHours: TableDto,
  byWeekday: TableDto,
  byHour: TableDto,
  durations: z.object(Object.fromEntries(durationMeasures.map((m) => [m, DurationDto])) as Record<(typeof durationMeasures)[number], typeof DurationDto>),
  feedbackWithin14Days: ShareDto,
  clocks: z.array(
    z.object({ clock: z.string(), breachedCases: CellDto, breachRate: z.number().nullable(), escalatedCases: CellDto, escalationRate: z.number().nullable() }),
  ),
  inTargetGroup: ShareDto,
  forwarded: ShareDto,
  returned: ShareDto,
});
export type StatisticsReportDto = z.infer<typeof StatisticsReportDto>;

export const StatisticsDto = z.object({
  from: z.string(),
  to: z.string(),
  hours: z.enum(['all', 'office', 'jour']),
  /** Durations are in minutes; counts 1–4 read "<5" and cells hidden to protect them "..". */
  county: StatisticsReportDto,
  municipality: z.object({ code: z.string(), name: z.string(), report: StatisticsReportDto }).nullable(),
});
export type StatisticsDto = z.infer<typeof StatisticsDto>;
