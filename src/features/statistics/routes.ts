// GET /statistics: the pilot's evaluation (DESIGN.md rule 11) for analysts (county-wide) and
// municipality managers (their own municipality beside the county). Aggregates only.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { withTransaction } from '../../db/transaction.ts';
import { authorize } from '../../policies/permissions.ts';
import { StatisticsDto, StatisticsQuery } from '../../shared/api/statistics.ts';
import { statisticsCsv } from '../../shared/statistics-csv.ts';
import { buildStatistics } from './build-statistics.ts';
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
      return withTransaction(database.db, (tx) => buildStatistics(tx, actor, request.query, { now: app.now(), requestId: request.id }));
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
      const stats = await withTransaction(database.db, (tx) => buildStatistics(tx, actor, request.query, { now: app.now(), requestId: request.id, format: 'csv' }));
      const name = `envagin-statistik-${stats.from}-${stats.to}${stats.municipality ? `-${stats.municipality.code}` : ''}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(statisticsCsv(stats));
    },
  );
};
