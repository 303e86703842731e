// The pilot report's figures: the county and, beside it, every municipality the reader may see
// (an analyst all of the county's, or the one asked for; a municipality manager its own). One
// read of the facts, one audit row for the whole report.
import { recordAudit } from '../../audit/record-audit.ts';
import type { Tx } from '../../db/types.ts';
import { buildReport, type Period } from '../../domain/statistics.ts';
import type { Actor } from '../../shared/actor.ts';
import { countyMunicipalities } from '../../shared/municipalities.ts';
import { municipalityInView, type StatisticsRequest } from './build-statistics.ts';
import type { PilotReportInput } from './pilot-report-pdf.ts';
import { listStatFacts } from './queries.ts';

export async function buildPilotReport(tx: Tx, actor: Actor, q: StatisticsRequest, ctx: { now: Date; requestId: string }): Promise<PilotReportInput> {
  const own = municipalityInView(actor, q.municipality);
  const period: Period = { from: q.from, to: q.to };
  const facts = await listStatFacts(tx, period, q.hours);
  const codes = countyMunicipalities.map((m) => m.code);
  const pages = own === null ? countyMunicipalities : countyMunicipalities.filter((m) => m.code === own);
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
    county: buildReport(facts, { period, municipalities: codes, asOf: ctx.now }),
    municipalities: pages.map((m) => ({
      code: m.code,
      name: m.name,
      report: buildReport(
        facts.filter((f) => f.municipalityCode === m.code),
        { period, municipalities: [m.code], asOf: ctx.now },
      ),
    })),
    generatedAt: ctx.now,
  };
}
