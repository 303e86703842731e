// Writes the OpenAPI document the server serves at /api/openapi.json to a file, for the contract
// checks (`npm run lint:api`, the web client's generated types): built from the real routes, on
// an empty in-memory database, with the cookie settings of an installation (COOKIE_SECURE).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { buildApp } from '../src/http/app.ts';

const out = process.argv[2] ?? 'build/openapi.json';
const database = await openDatabase({ databaseUrl: null, dataDir: null });
const config = loadConfig({ LOG_LEVEL: 'silent', DEMO_MODE: 'true', COOKIE_SECURE: 'true' });
const app = await buildApp({ config, database });
await app.ready();
const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json: ${res.statusCode} ${res.body}`);
await app.close();
await database.close();
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(res.json(), null, 2)}\n`);
