#!/usr/bin/env node
// Entry point of the `envagin` command. It runs the compiled server in dist/ (`npm run build`)
// on plain Node. With ENVAGIN_SOURCE=1 it runs the TypeScript sources in src/ through tsx
// instead (a devDependency): `npm run dev -- <command>` and the test suite do, so they never
// run a build older than the code.
import { existsSync } from 'node:fs';

const fromSource = process.env.ENVAGIN_SOURCE === '1';
const compiled = new URL('../dist/cli.js', import.meta.url);
if (!fromSource && !existsSync(compiled)) {
  console.error('envagin is not built: run `npm run build` first (or `npm run dev -- <command>` to run the sources)');
  process.exit(1);
}
if (fromSource) (await import('tsx/esm/api')).register();
const { main } = await import(fromSource ? '../src/cli.ts' : compiled.href);
main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
