// Builds the real application against a fresh test database, with the demo data seeded, and
// helpers to act as a demo user through HTTP (app.inject: real routing, no network).
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../config.ts';
import { seedDemo } from '../features/directory/seed-demo.ts';
import { DEMO_PASSWORD } from '../features/directory/demo-people.ts';
import { buildApp, type App } from '../http/app.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: App;
  testDb: TestDatabase;
  close(): Promise<void>;
}

export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  await seedDemo(testDb.database.db);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_MODE: 'true', ...env });
  const app = await buildApp({ config, database: testDb.database });
  await app.ready();
  return {
    app,
    testDb,
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}

export interface AsUser {
  cookie: string;
  csrf: string;
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export async function logInAs(app: App, username: string, password = DEMO_PASSWORD): Promise<AsUser> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0]! : setCookie!;
  const cookie = raw.split(';')[0]!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrf,
    request(method, url, body) {
      return app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrf },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    },
  };
}
