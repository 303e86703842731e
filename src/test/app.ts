// Builds the real application against a fresh test database, with the demo data seeded, and
// helpers to act as a demo user through HTTP (app.inject: real routing, no network).
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { sessions } from '../db/schema.ts';
import { hashToken } from '../features/auth/session-token.ts';
import { loadConfig, type Config } from '../config.ts';
import { seedDemo } from '../features/directory/seed-demo.ts';
import { DEMO_PASSWORD } from '../features/directory/demo-people.ts';
import { buildApp, type App } from '../http/app.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { freshDemoCode } from './totp.ts';
import { injectThroughPrism } from './inject-through-prism.ts';
import { prismEnabled } from './prism-proxy.ts';
import { validReport } from './reports.ts';

export interface TestApp {
  app: App;
  testDb: TestDatabase;
  close(): Promise<void>;
}

/** The tests' configuration, with `env` on top. */
export function testConfig(env: Record<string, string> = {}): Config {
  // Tests log many users in from one address; the rate limit has its own test.
  // Demo mode: the tests act as the demo users (DESIGN.md section 5).
  return loadConfig({ LOG_LEVEL: 'silent', DEMO_MODE: 'true', LOGIN_RATE_LIMIT_PER_MINUTE: '10000', ...env });
}

export interface TestAppOptions {
  /**
   * With ENVAGIN_TEST_PRISM=1, send app.inject through Prism (default true). False for tests of
   * deliberately broken HTTP input (invalid UTF-8, JSON that is not an object, bad URL encoding):
   * Prism re-parses and re-serialises a request before forwarding it, so the server would not
   * see the bytes the test is about.
   */
  prism?: boolean;
}

export async function buildTestApp(env: Record<string, string> = {}, clock?: () => Date, options: TestAppOptions = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const config = testConfig(env);
  await seedDemo(testDb.database.db, config.secrets);
  const app = await buildApp({ config, database: testDb.database, ...(clock ? { clock } : {}) });
  await app.ready();
  // ENVAGIN_TEST_PRISM=1: app.inject goes through Prism, which checks every exchange against
  // the OpenAPI document (src/test/prism-proxy.ts); close() fails on a contract break.
  const prism = prismEnabled() && options.prism !== false ? await injectThroughPrism(app) : null;
  return {
    app,
    testDb,
    async close() {
      try {
        await prism?.stop();
      } finally {
        await app.close();
        await testDb.drop();
      }
    },
  };
}

/** The `name=value` of the session cookie a response sets. */
export function sessionCookieOf(res: LightMyRequestResponse): string {
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!raw) throw new Error(`no session cookie set: ${res.statusCode} ${res.body}`);
  return raw.split(';')[0]!;
}

export interface AsUser {
  cookie: string;
  csrf: string;
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/**
 * Logs in through the API like the web app does, including the one-time code for privileged
 * roles (from the demo TOTP secret). The server accepts each code once, and only two steps are
 * open at a time; a test that logs the same privileged user in more often than that within
 * 30 seconds gets its session marked verified directly in the database instead of waiting: the
 * code step itself is proven in src/features/auth/mfa.test.ts.
 */
export async function logInAs(app: App, username: string, password = DEMO_PASSWORD): Promise<AsUser> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
  let cookie = sessionCookieOf(res);
  const body = res.json() as { csrfToken: string; mfaRequired: boolean };
  let csrf = body.csrfToken;
  if (body.mfaRequired) {
    const code = freshDemoCode(username);
    if (code) {
      const verified = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/verify', headers: { cookie, 'x-csrf-token': csrf }, payload: { code } });
      if (verified.statusCode !== 200) throw new Error(`one-time code for ${username} refused: ${verified.statusCode} ${verified.body}`);
      // The code step issues a new session token and CSRF token.
      cookie = sessionCookieOf(verified);
      csrf = (verified.json() as { csrfToken: string }).csrfToken;
    } else {
      const token = cookie.slice(cookie.indexOf('=') + 1);
      await app.deps.database.db.update(sessions).set({ mfaVerifiedAt: new Date() }).where(eq(sessions.tokenHash, hashToken(token)));
    }
  }
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

/** Files a valid report as a police user under an Idempotency-Key, about a child living in `residenceCode`; returns the case id. */
export async function fileTestReport(app: App, police: AsUser, idempotencyKey: string, residenceCode: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: police.cookie, 'x-csrf-token': police.csrf, 'idempotency-key': idempotencyKey },
    payload: validReport({ residence: { municipalityCode: residenceCode } }),
  });
  if (res.statusCode !== 201) throw new Error(`filing failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}
