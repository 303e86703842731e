#!/usr/bin/env node
// Entry point of the `envagin` command. The TypeScript sources run through tsx's loader, so the
// server needs no separate compile step (the web app is built by Vite).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
