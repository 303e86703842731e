// Serves the built web app (dist/web) from the same process. Any GET that is not an API route
// and asks for HTML gets index.html, so client-side routes survive a reload.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const webDist = fileURLToPath(new URL('../../dist/web', import.meta.url));

export const webApp = fp(async (app: FastifyInstance) => {
  if (!existsSync(`${webDist}/index.html`)) {
    app.log.warn('web app not built (dist/web missing): run `npm run build:web`');
    return;
  }
  await app.register(async (web) => {
    web.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await web.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      index: false,
      wildcard: false,
      cacheControl: false,
      setHeaders(res, path) {
        // Vite fingerprints assets, so they can be cached for ever; index.html never.
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  });
});

let indexHtml: Buffer | null = null;

/**
 * The app shell for a browser navigation (GET/HEAD asking for HTML outside /api), or null.
 * Read once: the built file does not change while the process runs.
 */
export function webShellFor(method: string, url: string, accept: string | undefined): Buffer | null {
  if ((method !== 'GET' && method !== 'HEAD') || url.startsWith('/api/') || !(accept ?? '').includes('text/html')) {
    return null;
  }
  if (!indexHtml && existsSync(`${webDist}/index.html`)) indexHtml = readFileSync(`${webDist}/index.html`);
  return indexHtml;
}
