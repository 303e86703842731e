// OpenAPI 3.1 generated from the zod schemas of every route, served at /api/openapi.json with a
// browsable UI at /api/docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { sessionCookieName } from '../features/auth/session-token.ts';
import { PROBLEM_SCHEMA, registerSharedSchemas, withoutUnusedComponents } from './openapi-components.ts';
import { describeOperation } from './openapi-operations.ts';

export const apiDocs = fp(async (app: FastifyInstance) => {
  registerSharedSchemas();
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'envagin API',
        version: '1',
        description:
          'En väg in: orosanmälningar från Polisens ROC till socialtjänsten i Stockholms län. ' +
          'Errors are RFC 9457 problem+json with a stable `code`.',
        // Not open source (package.json: UNLICENSED); the document says so rather than nothing.
        license: { name: 'Proprietary', identifier: 'LicenseRef-envagin-proprietary' },
      },
      // The API is served from the same origin as the web app, at the paths below.
      servers: [{ url: '/', description: 'The installation serving this document (same origin as the web app)' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(app.deps.config) },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
        schemas: { Problem: PROBLEM_SCHEMA },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: (input) => {
      const { schema, url } = jsonSchemaTransform(input);
      return { url, schema: describeOperation(input.route, url, schema) };
    },
    // Shared schemas become components the operations refer to (src/http/openapi-components.ts).
    transformObject: (input) => {
      const document = jsonSchemaTransformObject(input);
      return withoutUnusedComponents(document as Parameters<typeof withoutUnusedComponents>[0]) as typeof document;
    },
  });
  // The docs UI is public: its routes are registered in a context that marks every route so.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true, csp: 'docs' };
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
});
