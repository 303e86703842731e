// `node --import ./test/support/forbid-dev-code.mjs …`: the process fails to import any
// TypeScript file or any devDependency (tsx, vite, …), as a production install
// (`npm ci --omit=dev`) would. Used to prove the compiled server needs neither.
import { readFileSync } from 'node:fs';
import { register } from 'node:module';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
register('./forbid-dev-code-hooks.mjs', import.meta.url, { data: { devDependencies: Object.keys(pkg.devDependencies) } });
