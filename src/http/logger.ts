// pino options: JSON lines, request ids, and nothing that could carry personal data. Request
// bodies, query strings and concrete paths are never logged; cookies and auth headers are redacted; errors are
// reduced to type, message, code and stack (driver errors can hold row values in `detail`).
import type { FastifyServerOptions } from 'fastify';

interface LoggableRequest {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
    serializers: {
      req(req: LoggableRequest) {
        // The route pattern only: a concrete path can carry an identity number or a name
        // (e.g. /api/v1/cases/20100101-1234 typed by mistake), and a 404 has no pattern at all.
        return { method: req.method, route: req.routeOptions?.url ?? '(no route)' };
      },
      res(res: { statusCode?: number }) {
        return { statusCode: res.statusCode };
      },
      err(err: Partial<Error> & { code?: unknown; cause?: unknown }) {
        // Drizzle's message is the failed SQL text with placeholders (no values); the driver's
        // cause is reduced to what identifies the fault without its data: SQLSTATE, table, constraint.
        const cause = err.cause as { code?: unknown; table?: unknown; constraint?: unknown; routine?: unknown } | undefined;
        return {
          type: err.name ?? 'Error',
          // Callers that must not log even the message pass only a name and a code: a
          // serializer that threw here would take the logging call, and its caller, down.
          message: String(err.message ?? '').split('\nparams:')[0] ?? '',
          code: err.code,
          stack: err.stack?.split('\nparams:')[0] ?? '',
          ...(cause && typeof cause === 'object'
            ? { cause: { code: cause.code, table: cause.table, constraint: cause.constraint, routine: cause.routine } }
            : {}),
        };
      },
    },
  };
}
