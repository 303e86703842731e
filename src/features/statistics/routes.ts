// GET /statistics: the pilot's evaluation (DESIGN.md rule 11) for analysts (county-wide) and
// municipality managers (their own municipality beside the county). Aggregates only.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { withActorTransaction } from '../../db/actor-transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { StatisticsDto, StatisticsQuery } from '../../shared/api/statistics.ts';
import { statisticsCsv } from '../../shared/statistics-csv.ts';
import { buildStatistics } from './build-statistics.ts';
import { statisticsXlsx } from './statistics-xlsx.ts';
import { buildPilotReport } from './build-pilot-report.ts';
import { pilotReportPdf } from './pilot-report-pdf.ts';
import { z } from 'zod';

export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.deps;

  app.get(
    '/statistics',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'The pilot evaluation for whole months: counts, durations (minutes), breach rates; counts 1–4 read "<5", cells hidden to protect them ".."; analysts county-wide, a municipality manager also its own municipality',
        querystring: StatisticsQuery,
        response: { 200: StatisticsDto },
      },
    },
    async (request) => {
      const actor = request.actor;
      authorize(actor, 'statistics.read');
      return withActorTransaction(database.db, actor, (tx) => buildStatistics(tx, actor, request.query, { now: app.now(), requestId: request.id }));
    },
  );

  app.get(
    '/statistics/export.csv',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The same figures as GET /statistics as CSV (semicolon-separated, UTF-8): scope;measure;key;value, suppressed cells as "<5" or ".."',
        querystring: StatisticsQuery,
        produces: ['text/csv'],
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      authorize(actor, 'statistics.read');
      const stats = await withActorTransaction(database.db, actor, (tx) => buildStatistics(tx, actor, request.query, { now: app.now(), requestId: request.id, format: 'csv' }));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName(stats, 'csv')}"`).send(statisticsCsv(stats));
    },
  );

  app.get(
    '/statistics/export.xlsx',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The same figures as the CSV as an Excel workbook: sheet "Statistik" (Område, Mått, Nyckel, Värde; numbers as numbers, suppressed cells as "<5" or "..") and sheet "Om"',
        querystring: StatisticsQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: z.string().describe('the workbook (binary)') },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      authorize(actor, 'statistics.read');
      const stats = await withActorTransaction(database.db, actor, (tx) => buildStatistics(tx, actor, request.query, { now: app.now(), requestId: request.id, format: 'xlsx' }));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileName(stats, 'xlsx')}"`)
        // A Buffer goes out as it is (Fastify serializes no Buffer); the schema's string is for OpenAPI.
        .send((await statisticsXlsx(stats, app.now())) as unknown as string);
    },
  );

  app.get(
    '/statistics/report.pdf',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'The pilot report for a committee meeting (PDF, A4, Swedish): the county on the first page, then one page per municipality — every county municipality for an analyst (or the one asked for), its own for a municipality manager. The same suppressed figures as GET /statistics',
        querystring: StatisticsQuery,
        produces: ['application/pdf'],
        response: { 200: z.string().describe('the report (binary)') },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      authorize(actor, 'statistics.read');
      const input = await withActorTransaction(database.db, actor, (tx) => buildPilotReport(tx, actor, request.query, { now: app.now(), requestId: request.id }));
      const own = input.municipalities.length === 1 ? `-${input.municipalities[0]!.code}` : '';
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="envagin-pilotrapport-${input.from}-${input.to}${own}.pdf"`)
        // A Buffer goes out as it is (Fastify serializes no Buffer); the schema's string is for OpenAPI.
        .send((await pilotReportPdf(input)) as unknown as string);
    },
  );
};

/** envagin-statistik-2026-01-2026-03[-0182].csv: the period and municipality, nothing personal. */
function fileName(stats: StatisticsDto, ext: string): string {
  return `envagin-statistik-${stats.from}-${stats.to}${stats.municipality ? `-${stats.municipality.code}` : ''}.${ext}`;
}
