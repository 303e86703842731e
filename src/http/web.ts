// Serves the built web app (dist/web) from the same process. Any GET that is not an API route
// and asks for HTML gets index.html, so client-side routes survive a reload.
//
// Speed on a slow phone network (issue 23 point 10), where every round trip costs about half a
// second: the assets are sent as the brotli or gzip file made at build time (vite.config.ts),
// fingerprinted ones cached for ever; and the shell names what the screen at its address will
// need, so the browser fetches it all at once instead of one after another (HTML, then the
// app's code, then the session, then the screen's code, then its data): the session, and for a
// logged-in user the screen's code (modulepreload) and first reads (preload), chosen by the
// user's role so a police officer's phone never fetches the hub's or the admin's code.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '../shared/roles.ts';
import { routeFromPath, viewNeeds, viewsFor } from '../shared/views.ts';

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
      preCompressed: true,
      cacheControl: false,
      setHeaders(res, path) {
        // Vite fingerprints assets, so they can be cached for ever; index.html never.
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  });
});

/** A browser navigation: GET/HEAD asking for HTML outside /api. */
export function wantsWebShell(method: string, url: string, accept: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && !url.startsWith('/api/') && (accept ?? '').includes('text/html');
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}

interface Shell {
  html: string;
  manifest: Record<string, ManifestChunk>;
  /** The entry's own files, which index.html loads already. */
  entryFiles: Set<string>;
}

let shell: Shell | null = null;

/** Read once: the built files do not change while the process runs. */
function loadShell(): Shell | null {
  if (shell || !existsSync(`${webDist}/index.html`)) return shell;
  const manifestFile = `${webDist}/.vite/manifest.json`;
  const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>) : {};
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  shell = { html: readFileSync(`${webDist}/index.html`, 'utf8'), manifest, entryFiles: new Set(entry ? chunkFiles(manifest, entry) : []) };
  return shell;
}

/** A chunk's file and those of the chunks it imports statically, in dependency order. */
function chunkFiles(manifest: Record<string, ManifestChunk>, key: string, seen = new Set<string>()): string[] {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return [];
  seen.add(key);
  return [...(chunk.imports ?? []).flatMap((k) => chunkFiles(manifest, k, seen)), chunk.file];
}

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** The links that start the screen's fetches with the page's: the session always, the screen's code and reads for a logged-in role. */
export function shellPreloads(url: string, role: Role | null): string[] {
  const s = loadShell();
  const links = ['<link rel="preload" as="fetch" crossorigin href="/api/v1/auth/me">'];
  if (!s || !role) return links;
  const { view } = routeFromPath(url.split('?')[0] ?? '/', viewsFor(role));
  const needs = viewNeeds[view];
  if (!needs) return links;
  for (const file of chunkFiles(s.manifest, needs.module)) {
    if (!s.entryFiles.has(file)) links.push(`<link rel="modulepreload" href="/${attr(file)}">`);
  }
  for (const read of needs.reads) links.push(`<link rel="preload" as="fetch" crossorigin href="${attr(read)}">`);
  return links;
}

/** The app shell for a navigation to `url` by a user of `role` (null: not logged in), or null when the app is not built. */
export function webShellFor(url: string, role: Role | null): string | null {
  const s = loadShell();
  if (!s) return null;
  return s.html.replace('</head>', `${shellPreloads(url, role).join('')}</head>`);
}
