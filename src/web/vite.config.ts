import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

/**
 * Brotli and gzip copies of every text asset, made once at build time at the highest levels
 * (too slow per request, free here): the server sends the .br or .gz file the browser accepts
 * (@fastify/static preCompressed), so a phone on a slow network gets about a third of the bytes.
 */
function precompress(): Plugin {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  return {
    name: 'envagin-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json)$/.test(file) || file.includes('/.vite/')) continue;
        const body = readFileSync(file);
        if (body.length < 512) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    // The server reads the manifest to preload the chunks of the screen a navigation opens.
    manifest: true,
    rolldownOptions: {
      output: {
        // The small modules that the case screens of every role share, in one chunk instead of a
        // dozen tiny ones: over HTTP/1.1 a browser opens six connections to a host, and on a phone
        // network every further wave of requests costs a round trip (over half a second). The
        // screens themselves stay chunks of their own (src/web/src/pages.ts).
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [
            {
              name: 'shared',
              test: /\/src\/web\/src\/(cases\/(format|clocks|Countdown|CaseLink|live|caseApi|fields|labels)\.tsx?|admin\/(useLoad\.ts|LoadState\.tsx)|hub\/useHubQueue\.ts)$|\/src\/shared\/municipalities\.ts$/,
            },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080', '/health': 'http://localhost:8080' } },
});
