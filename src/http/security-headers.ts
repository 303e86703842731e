// Security headers on every response, from one onSend hook. Written here rather than with
// @fastify/helmet: the whole policy is a dozen fixed strings, helmet's defaults would need
// overriding almost everywhere (its CSP allows 'unsafe-inline' styles), and a per-route
// profile is simplest as a route config flag read in the same hook.
//
// The web app is built by Vite into external, fingerprinted JS and CSS files, so its policy
// allows scripts and styles from 'self' only. The Swagger UI at /api/docs styles inline, so its
// routes (marked `csp: 'docs'`) get a policy allowing inline styles (never inline script).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const common = ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"];

export const appCsp = [
  ...common,
  "script-src 'self'",
  "style-src 'self'",
  // data: for the empty favicon in index.html.
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
].join('; ');

// The Swagger UI's page loads its scripts from files (no inline script); it styles elements
// inline, so only styles get 'unsafe-inline'.
export const docsCsp = [...common, "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'"].join('; ');

const fixed: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-permitted-cross-domain-policies': 'none',
};

/**
 * The headers of a response on a route with this CSP profile. A route that writes its reply by
 * hand (reply.hijack(), as the live stream does) never reaches the onSend hook below and must
 * pass these to writeHead itself.
 */
export function securityHeaderValues(profile: 'docs' | undefined, hsts: boolean): Record<string, string> {
  return {
    ...fixed,
    'content-security-policy': profile === 'docs' ? docsCsp : appCsp,
    // Only over HTTPS: a browser ignores HSTS on plain HTTP, and a dev machine must stay reachable.
    ...(hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

export const securityHeaders = fp(async (app: FastifyInstance, opts: { hsts: boolean }) => {
  app.addHook('onSend', async (request, reply) => {
    reply.headers(securityHeaderValues(request.routeOptions.config?.csp, opts.hsts));
  });
});
