// Removes the previous server build from dist/ (everything but the web app in dist/web), so a
// source file that was renamed or deleted leaves no compiled copy behind.
import { existsSync, readdirSync, rmSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
if (existsSync(dist)) {
  for (const name of readdirSync(dist)) {
    if (name !== 'web') rmSync(new URL(name, dist), { recursive: true, force: true });
  }
}
