// pino options: JSON lines, request ids, and nothing that could carry personal data. Request
// bodies and query strings are never logged; cookies and auth headers are redacted; errors are
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
        return { method: req.method, route: req.routeOptions?.url, path: req.url?.split('?')[0] };
      },
      res(res: { statusCode?: number }) {
        return { statusCode: res.statusCode };
      },
      err(err: Error & { code?: unknown }) {
        return { type: err.name, message: err.message, code: err.code, stack: err.stack ?? '' };
      },
    },
  };
}
