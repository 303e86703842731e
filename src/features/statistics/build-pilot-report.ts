// The pilot report's figures: the county and, beside it, every municipality the reader may see
// (an analyst all of the county's, or the one asked for; a municipality manager its own). One
// aggregation of the facts (queries.ts), one audit row for the whole report.
import { recordAudit } from '../../audit/record-audit.ts';
import type { Tx } from '../../db/types.ts';
import { buildReport, type Period } from '../../domain/statistics.ts';
import type { Actor } from '../../shared/actor.ts';
import { countyMunicipalities } from '../../shared/municipalities.ts';
import { municipalityInView, type StatisticsRequest } from './build-statistics.ts';
import type { PilotReportInput } from './pilot-report-pdf.ts';
import { aggregateStatFacts } from './queries.ts';

export async function buildPilotReport(tx: Tx, actor: Actor, q: StatisticsRequest, ctx: { now: Date; requestId: string }): Promise<PilotReportInput> {
  const own = municipalityInView(actor, q.municipality);
  const period: Period = { from: q.from, to: q.to };
  const pages = own === null ? countyMunicipalities : countyMunicipalities.filter((m) => m.code === own);
  const agg = await aggregateStatFacts(tx, { period, hours: q.hours, municipalities: pages.map((m) => m.code), asOf: ctx.now });
  await recordAudit(tx, {
    actor,
    action: 'statistics.read',
    requestId: ctx.requestId,
    details: { from: q.from, to: q.to, hours: q.hours, municipality: own, format: 'pdf' },
  });
  return {
    from: q.from,
    to: q.to,
    hours: q.hours,
    county: buildReport(agg.county, { period, municipalities: countyMunicipalities.map((m) => m.code) }),
    municipalities: pages.map((m) => ({ code: m.code, name: m.name, report: buildReport(agg.municipalities.get(m.code)!, { period, municipalities: [m.code] }) })),
    generatedAt: ctx.now,
  };
}
