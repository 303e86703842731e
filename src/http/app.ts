// Builds the Fastify application: one process serves the API, its docs, operational endpoints
// and the web app. Everything it needs comes in through `deps`, so tests build it against their
// own database.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { authRoutes } from '../features/auth/routes.ts';
import { auditRoutes } from '../features/audit/routes.ts';
import { personAuditRoutes } from '../features/audit/person-routes.ts';
import { disclosureRoutes } from '../features/disclosures/routes.ts';
import { userRoutes } from '../features/users/routes.ts';
import { DirectoryCache } from '../features/directory/directory-cache.ts';
import { directoryRoutes } from '../features/directory/routes.ts';
import { agreementRoutes } from '../features/agreements/routes.ts';
import { routingRoutes } from '../features/routing/routes.ts';
import { statisticsRoutes } from '../features/statistics/routes.ts';
import { caseRoutes } from '../features/cases/routes.ts';
import { auditDeniedCaseAccess } from '../features/cases/audit-denied-access.ts';
import { messageRoutes } from '../features/cases/message-routes.ts';
import { informationRequestRoutes } from '../features/information-requests/routes.ts';
import { legalGroundRoutes } from '../features/information-requests/legal-ground-routes.ts';
import { transitionRoutes } from '../features/cases/transition-routes.ts';
import { handoverDocumentRoutes } from '../features/cases/handover-document-routes.ts';
import { caseEffects } from '../features/cases/case-effects.ts';
import { systemRoutes } from '../features/system/routes.ts';
import { notifications } from '../features/notifications/plugin.ts';
import { firstNulPath } from './nul-characters.ts';
import { AppError } from '../shared/errors.ts';
import { authenticate, sessionRoleOf } from './authenticate.ts';
import { securityHeaders } from './security-headers.ts';
import { apiDocs } from './docs.ts';
import { loggerOptions } from './logger.ts';
import { metrics } from './metrics.ts';
import { buildProblem, handleError, sendProblem } from './problem.ts';
import type { AppDeps } from './types.ts';
import { systemClock, withClock } from '../jobs/clock-source.ts';
import { accountRoutes } from '../features/account/routes.ts';
import { wantsWebShell, webApp, webShellFor } from './web.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export async function buildApp(deps: AppDeps, overrides: Partial<FastifyServerOptions> = {}) {
  const app = Fastify({
    logger: loggerOptions(deps.config.logLevel),
    bodyLimit: deps.config.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    // request.ip is the client's address (login budgets, audit) only through a balancer we name.
    ...(deps.config.trustProxy.length > 0 && { trustProxy: deps.config.trustProxy }),
    routerOptions: { maxParamLength: 200 },
    // Malformed URLs and the like: answer with our own problem format.
    frameworkErrors: (error, request, reply) => {
      handleError(error, request, reply);
    },
    ...overrides,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  app.decorate('directoryCache', new DirectoryCache());
  app.decorate('caseEffects', null);
  app.decorate('now', deps.clock ?? (() => systemClock.now()));
  // Everything a request calls reads this app's clock (clock-source.ts). Again before the
  // handler: body parsing runs outside the context entered on request.
  const clock = { now: () => app.now() };
  app.addHook('onRequest', (_request, _reply, done) => withClock(clock, done));
  app.addHook('preHandler', (_request, _reply, done) => withClock(clock, done));
  app.setErrorHandler((error, request, reply) => handleError(error, request, reply));
  app.setNotFoundHandler(async (request, reply) => {
    if (wantsWebShell(request.method, request.url, request.headers.accept)) {
      const shell = webShellFor(request.url, await sessionRoleOf(app, request).catch(() => null));
      if (shell) return reply.code(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(shell);
    }
    return sendProblem(reply, buildProblem(request, { code: 'NOT_FOUND' }));
  });
  // While shutting down, responses to requests still in flight close their connection, so a
  // keep-alive client cannot hold the process open past its grace period.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  // A JSON API: reject other body types with 415 rather than guessing. Before any route is
  // registered, because child contexts copy the parsers they see.
  app.removeContentTypeParser(['text/plain']);
  await app.register(cookie);
  await app.register(securityHeaders, { hsts: deps.config.cookieSecure });
  await app.register(metrics);
  // Case changes start and stop clocks and enqueue notifications (src/jobs), observed in metrics.
  app.caseEffects = caseEffects(app.metrics);
  await app.register(authenticate);
  await app.register(apiDocs);
  await app.register(systemRoutes);
  await app.register(authRoutes, { prefix: '/api/v1' });
  await app.register(auditRoutes, { prefix: '/api/v1' });
  await app.register(personAuditRoutes, { prefix: '/api/v1' });
  await app.register(disclosureRoutes, { prefix: '/api/v1' });
  await app.register(userRoutes, { prefix: '/api/v1' });
  await app.register(accountRoutes, { prefix: '/api/v1' });
  await app.register(directoryRoutes, { prefix: '/api/v1' });
  await app.register(agreementRoutes, { prefix: '/api/v1' });
  await app.register(routingRoutes, { prefix: '/api/v1' });
  await app.register(statisticsRoutes, { prefix: '/api/v1' });
  await app.register(auditDeniedCaseAccess);
  await app.register(caseRoutes, { prefix: '/api/v1' });
  await app.register(transitionRoutes, { prefix: '/api/v1' });
  await app.register(handoverDocumentRoutes, { prefix: '/api/v1' });
  await app.register(messageRoutes, { prefix: '/api/v1' });
  await app.register(informationRequestRoutes, { prefix: '/api/v1' });
  await app.register(legalGroundRoutes, { prefix: '/api/v1' });
  await app.register(notifications);
  await app.register(webApp);
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && ['POST', 'PUT', 'PATCH'].includes(request.method)) {
      const schema = request.routeOptions.schema;
      if (schema?.body) throw new AppError('VALIDATION_FAILED', 'Begäran saknar innehåll.');
    }
    const nul = firstNulPath(request.body, 'body') ?? firstNulPath(request.query, 'querystring');
    if (nul) throw new AppError('VALIDATION_FAILED', 'Texten innehåller ett otillåtet tecken (NUL).', [{ path: nul, message: 'Otillåtet tecken (NUL)' }]);
  });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
