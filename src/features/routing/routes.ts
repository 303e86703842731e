// The routing decision and the coverage check over HTTP. Both run the pure rules of src/domain
// on the warm directory snapshot; the CLI uses the very same functions.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findCoverageGaps } from '../../domain/coverage.ts';
import { decideRouting } from '../../domain/routing.ts';
import { authorize } from '../../policies/permissions.ts';
import { CoverageDto, RoutingDecisionDto } from '../../shared/api/routing.ts';
import { CoverageQuery, RoutingQuery } from './schemas.ts';

export const routingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.deps;

  app.get(
    '/routing/decision',
    {
      schema: {
        tags: ['routing'],
        summary: 'Target group, legal basis, handling and whom to call now, with reasons in Swedish',
        querystring: RoutingQuery,
        response: { 200: RoutingDecisionDto },
      },
    },
    async (request) => {
      authorize(request.actor, 'routing.decide');
      const at = request.query.at ? new Date(request.query.at) : app.now();
      const dir = await app.directoryCache.get(database.db);
      return decideRouting(dir, { residence: request.query.residence, found: request.query.found, age: request.query.age, receivedAt: at });
    },
  );

  app.get(
    '/coverage',
    {
      schema: {
        tags: ['routing'],
        summary: 'Every interval in which a collaborating municipality has no reachable contact',
        querystring: CoverageQuery,
        response: { 200: CoverageDto },
      },
    },
    async (request) => {
      authorize(request.actor, 'coverage.read');
      const dir = await app.directoryCache.get(database.db);
      const gaps = findCoverageGaps(dir, request.query.from, request.query.days);
      return {
        from: request.query.from,
        days: request.query.days,
        gaps: gaps.map((g) => ({ ...g, start: g.start.toISOString(), end: g.end.toISOString() })),
      };
    },
  );
};
