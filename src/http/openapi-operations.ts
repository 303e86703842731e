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

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

/** What decides which errors a route can answer with. */
interface RouteTraits {
  method: string;
  isPublic: boolean;
  hasInput: boolean;
  /** A path parameter names a thing that may not exist, or that the reader may not see. */
  hasPathParams: boolean;
  hasBody: boolean;
  /** Takes a precondition (If-Match): a stale one is refused with 412. */
  hasPreconditions: boolean;
  /** Counted against the login budget (src/features/auth/routes.ts). */
  rateLimited: boolean;
  /** Checks a password itself: a wrong one is 401 even on a public route (login). */
  checksCredentials: boolean;
  /** Looks up a thing named in the body (a password link's token): 404 without a path parameter. */
  findsByBody: boolean;
}

/** The errors any operation may answer with, by what the route is. */
export function problemResponses(r: RouteTraits): Record<string, unknown> {
  const { method, isPublic } = r;
  return {
    ...(r.hasInput && { 400: problem('Invalid input (VALIDATION_FAILED, MALFORMED_BODY, BAD_REQUEST)') }),
    ...(!isPublic && { 401: problem('Not logged in, or the session has expired (UNAUTHENTICATED, MFA_REQUIRED)') }),
    ...(isPublic && r.checksCredentials && { 401: problem('Wrong username or password (INVALID_CREDENTIALS)') }),
    ...(!isPublic && { 403: problem(UNSAFE.has(method) ? 'Not allowed, or the CSRF token is missing (FORBIDDEN, CSRF_REJECTED)' : 'Not allowed (FORBIDDEN)') }),
    ...((r.hasPathParams || r.findsByBody) && { 404: problem('Not found, or not visible to the reader (NOT_FOUND)') }),
    ...(UNSAFE.has(method) && { 409: problem('The state changed meanwhile (CONFLICT, INVALID_STATE)') }),
    ...(r.hasPreconditions && { 412: problem('If-Match names a version other than the current one (PRECONDITION_FAILED)') }),
    ...(r.hasBody && { 413: problem('The body is too large (PAYLOAD_TOO_LARGE)') }),
    ...(r.hasBody && { 415: problem('The body is not JSON (UNSUPPORTED_MEDIA_TYPE)') }),
    ...(r.rateLimited && { 429: problem('Too many attempts; see Retry-After (RATE_LIMITED)') }),
    500: problem('Unexpected error (INTERNAL)'),
    503: problem('The database is unavailable (SERVICE_UNAVAILABLE)'),
  };
}

/** The request headers a route's schema (already JSON Schema here) declares, in lower case. */
function headerNames(headers: unknown): string[] {
  const properties = (headers as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  return Object.keys(properties).map((name) => name.toLowerCase());
}

/** Adds the derived parts to one route's documented schema; what the route declares itself wins. */
export function describeOperation(route: RouteOptions, url: string, schema: FastifySchema): FastifySchema {
  const own = schema as { operationId?: string; response?: Record<string, unknown> };
  const method = (Array.isArray(route.method) ? route.method[0]! : route.method).toUpperCase();
  const config = route.config as { public?: boolean; rateLimit?: string; problems?: readonly number[] } | undefined;
  const traits: RouteTraits = {
    method,
    isPublic: config?.public === true,
    hasInput: Boolean(schema.body ?? schema.querystring ?? schema.params),
    hasPathParams: /[:{]/.test(url),
    hasBody: Boolean(schema.body),
    hasPreconditions: headerNames(schema.headers).includes('if-match'),
    rateLimited: config?.rateLimit === 'login',
    checksCredentials: config?.problems?.includes(401) === true,
    findsByBody: config?.problems?.includes(404) === true,
  };
  return {
    ...schema,
    operationId: own.operationId ?? operationIdOf(method, url),
    security: securityOf(method, traits.isPublic),
    response: { ...problemResponses(traits), ...own.response },
  };
}
