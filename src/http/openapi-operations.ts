// What every operation in the OpenAPI document says about itself, derived in one place from how
// the server really treats the route (issue 23 point 12): an operationId, the security it really
// needs (none for public routes, the session cookie for reads, cookie and CSRF header for
// changes, as src/http/authenticate.ts enforces), and the problem+json answers it can give.
import type { FastifySchema, RouteOptions } from 'fastify';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `POST /api/v1/cases/:id/claim` → `postCasesByIdClaim`. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1\//, '/')
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

export function securityOf(method: string, isPublic: boolean): Record<string, string[]>[] {
  if (isPublic) return [];
  return UNSAFE.has(method) ? [{ session: [], csrf: [] }] : [{ session: [] }];
}

const PROBLEM = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable error code (src/shared/errors.ts)' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
  },
};

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: PROBLEM } } });

/** The errors any operation may answer with, by what the route is. */
export function problemResponses(method: string, isPublic: boolean, hasInput: boolean): Record<string, unknown> {
  return {
    ...(hasInput && { 400: problem('Invalid input (VALIDATION_FAILED, MALFORMED_BODY, BAD_REQUEST)') }),
    ...(!isPublic && { 401: problem('Not logged in, or the session has expired (UNAUTHENTICATED, MFA_REQUIRED)') }),
    ...(!isPublic && { 403: problem(UNSAFE.has(method) ? 'Not allowed, or the CSRF token is missing (FORBIDDEN, CSRF_REJECTED)' : 'Not allowed (FORBIDDEN)') }),
    ...(UNSAFE.has(method) && { 409: problem('The state changed meanwhile (CONFLICT, INVALID_STATE)') }),
    500: problem('Unexpected error (INTERNAL)'),
    503: problem('The database is unavailable (SERVICE_UNAVAILABLE)'),
  };
}

/** Adds the derived parts to one route's documented schema; what the route declares itself wins. */
export function describeOperation(route: RouteOptions, url: string, schema: FastifySchema): FastifySchema {
  const own = schema as { operationId?: string; response?: Record<string, unknown> };
  const method = (Array.isArray(route.method) ? route.method[0]! : route.method).toUpperCase();
  const isPublic = (route.config as { public?: boolean } | undefined)?.public === true;
  const hasInput = Boolean(schema.body ?? schema.querystring ?? schema.params);
  return {
    ...schema,
    operationId: own.operationId ?? operationIdOf(method, url),
    security: securityOf(method, isPublic),
    response: { ...problemResponses(method, isPublic, hasInput), ...own.response },
  };
}
