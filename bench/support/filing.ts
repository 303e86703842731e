// What the filing benchmarks share: a demo user's session, and the police filing reports through
// the real API with a fresh Idempotency-Key each, a different child in each of 5,000 reports and
// then the same children again (duplicate detection looks each one up and links). The reports
// come from twelve sessions in turn, as from the officers on duty at the regional operations
// centre (the demo has one police user: twelve logins of it), so that requests arriving together
// carry different sessions, as they would.
import { testPersonnummer, validReport } from '../../src/test/reports.ts';

export interface DemoSession {
  cookie: string;
  csrf: string;
}

export async function login(url: string, username: string): Promise<DemoSession> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'envagin-demo' }) });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** The 5,000 report bodies, as JSON. */
export const reportBodies = (): string[] =>
  Array.from({ length: 5000 }, (_, i) => JSON.stringify(validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(i) } })));

/** Sessions the police file from; under the login rate limit of 20 a minute from one address. */
const POLICE_SESSIONS = 12;

/** The officers' sessions: `polis` logged in POLICE_SESSIONS times. */
export async function policeSessions(url: string): Promise<DemoSession[]> {
  const officers: DemoSession[] = [];
  for (let i = 0; i < POLICE_SESSIONS; i++) officers.push(await login(url, 'polis'));
  return officers;
}

/** Files the next report as `polis` on each call; `sent()` tells how many were sent. */
export async function policeFiler(url: string, bodies: readonly string[]): Promise<{ send: () => Promise<Response>; sent: () => number }> {
  const officers = await policeSessions(url);
  // Unique per run and server (two servers may share a run); a key is letters, digits and dashes.
  const keyPrefix = `bench-${process.pid}-${new URL(url).port}`;
  let sent = 0;
  return {
    sent: () => sent,
    send: () => {
      const i = sent++;
      const polis = officers[i % officers.length]!;
      return fetch(`${url}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': `${keyPrefix}-${i}` },
        body: bodies[i % bodies.length],
      });
    },
  };
}
