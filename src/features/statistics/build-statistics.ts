// The statistics one reader may see (DESIGN.md rules 6 and 11): the county always, and beside it
// one municipality: the one an analyst picks, or a municipality manager's own. Aggregates only,
// suppressed by src/domain/statistics.ts; the read is audited with its filters.
import { recordAudit } from '../../audit/record-audit.ts';
import type { Tx } from '../../db/types.ts';
import { buildReport, type Period } from '../../domain/statistics.ts';
import type { Actor } from '../../shared/actor.ts';
import type { StatisticsDto } from '../../shared/api/statistics.ts';
import { AppError } from '../../shared/errors.ts';
import { countyMunicipalities } from '../../shared/municipalities.ts';
import { aggregateStatFacts, type HoursFilter } from './queries.ts';

/** The forms the figures leave in, audited with each read. */
export type StatisticsFormat = 'csv' | 'json' | 'xlsx' | 'pdf';

export interface StatisticsRequest {
  from: string;
  to: string;
  municipality?: string | undefined;
  hours: HoursFilter;
}

/** Which municipality the reader sees beside the county; FORBIDDEN for another's. */
export function municipalityInView(actor: Actor | null, asked: string | undefined): string | null {
  if (actor?.role === 'municipality.manager') {
    if (!actor.municipalityCode) throw new AppError('FORBIDDEN', 'Kontot hör inte till någon kommun.');
    if (asked && asked !== actor.municipalityCode) throw new AppError('FORBIDDEN', 'Du ser statistik för din egen kommun och för länet.');
    return actor.municipalityCode;
  }
  return asked ?? null;
}

/** `actor` null: the operator at the command line (envagin stats), county-wide. */
export async function buildStatistics(tx: Tx, actor: Actor | null, q: StatisticsRequest, ctx: { now: Date; requestId: string; format?: StatisticsFormat }): Promise<StatisticsDto> {
  const code = municipalityInView(actor, q.municipality);
  const period: Period = { from: q.from, to: q.to };
  const agg = await aggregateStatFacts(tx, { period, hours: q.hours, municipalities: code === null ? [] : [code], asOf: ctx.now });
  const county = buildReport(agg.county, { period, municipalities: countyMunicipalities.map((m) => m.code) });
  const own = code === null ? null : buildReport(agg.municipalities.get(code)!, { period, municipalities: [code] });
  await recordAudit(tx, {
    actor,
    action: 'statistics.read',
    requestId: ctx.requestId,
    details: { from: q.from, to: q.to, hours: q.hours, municipality: code, ...(ctx.format ? { format: ctx.format } : {}) },
  });
  return {
    from: q.from,
    to: q.to,
    hours: q.hours,
    county,
    municipality: code === null || own === null ? null : { code, name: countyMunicipalities.find((m) => m.code === code)?.name ?? code, report: own },
  };
}
