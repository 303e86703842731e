// The production build serves on plain Node: `envagin serve` from dist/ (`npm run build`, which
// `npm test` runs first) starts without tsx and without importing any TypeScript file or any
// devDependency (test/support/forbid-dev-code.mjs makes such an import fail), migrates and seeds
// a fresh database, answers /ready, /health and the web app's shell, and stops on SIGTERM.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from '../support/server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Server sources (what tsconfig.build.json compiles) whose compiled file is missing or older. */
function outOfDate(dir = join(root, 'src'), out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = relative(join(root, 'src'), path);
    if (rel === 'web' || rel === 'test') continue;
    if (statSync(path).isDirectory()) outOfDate(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
      const built = join(root, 'dist', rel.replace(/\.ts$/, '.js'));
      if (!existsSync(built) || statSync(built).mtimeMs < statSync(path).mtimeMs) out.push(rel);
    }
  }
  return out;
}

test('the compiled server runs on plain node, without tsx or any devDependency', async () => {
  const stale = outOfDate();
  assert.deepEqual(stale, [], 'dist/ is missing or older than these sources: run `npm run build` (npm test does)');
  assert.ok(existsSync(join(root, 'dist/web/index.html')), 'dist/web is not built: run `npm run build`');

  const server = await startServer({ ENVAGIN_SOURCE: '0' }, { nodeArgs: ['--import', './test/support/forbid-dev-code.mjs'] });
  try {
    const health = await fetch(`${server.url}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const shell = await fetch(`${server.url}/`, { headers: { accept: 'text/html' } });
    assert.equal(shell.status, 200, 'the built web app is served');
    assert.match(await shell.text(), /<div id="root">/);
  } finally {
    assert.equal(await server.stop('SIGTERM'), 0, server.output());
  }
});
