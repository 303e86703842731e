// Demo only (DESIGN.md section 5): a demo case about a Nacka child with information requests in
// every state, made through the API as the demo users would make them (polis files, the hub hands
// over, Nacka asks the ROC and SiS asks Nacka), so every row, clock, audit row and notification is
// the real operations' own. Run on a demo installation's first start; does nothing when any
// request exists.
import { sql } from 'drizzle-orm';
import type { App } from '../../http/app.ts';
import { queryRows } from '../../db/query-rows.ts';
import { DEMO_PASSWORD } from '../directory/demo-people.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';
import { validDemoReport } from './demo-report.ts';

type Call = (method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>) => Promise<{ statusCode: number; json(): Record<string, unknown>; body: string }>;

async function as(app: App, username: string): Promise<Call> {
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`demo requests: login as ${username}: ${login.statusCode}`);
  const setCookie = login.headers['set-cookie'];
  const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;
  const csrf = (login.json() as { csrfToken: string }).csrfToken;
  return async (method, url, body, headers = {}) => {
    const res = await app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf, ...headers }, ...(body === undefined ? {} : { payload: body as object }) });
    if (res.statusCode >= 300) throw new Error(`demo requests: ${method} ${url}: ${res.statusCode} ${res.body}`);
    return res;
  };
}

/** Returns the number of requests made (0 when some already existed). */
export async function seedDemoRequests(app: App): Promise<number> {
  const [existing] = await queryRows<{ n: number }>(app.deps.database.db, sql`select count(*)::int as n from information_requests`);
  if ((existing?.n ?? 0) > 0) return 0;
  const polis = await as(app, 'polis');
  const hub = await as(app, 'hub');
  const nacka = await as(app, 'nacka');
  const sis = await as(app, 'sis');
  const filed = await polis('POST', '/api/v1/cases', validDemoReport(app.now()), { 'idempotency-key': 'demo-information-requests-1' });
  const caseId = filed.json().id as string;
  const base = `/api/v1/cases/${caseId}`;
  await hub('POST', `${base}/claim`, {});
  await hub('POST', `${base}/decision`, {});
  await nacka('POST', `${base}/acknowledge`, {});
  const ask = async (who: Call, body: Record<string, unknown>) => (await who('POST', `${base}/information-requests`, { legalGroundId: 'osl-10-18a', urgency: 'normal', ...body })).json().id as string;
  const step = (who: Call, id: string, name: string, body: unknown = {}) => who('POST', `/api/v1/information-requests/${id}/${name}`, body);
  const toRoc = { addressedOrgId: 'police-roc' };
  await ask(nacka, { ...toRoc, kinds: ['risk_assessment'], text: 'Finns en aktuell riskbedömning av barnet?', urgency: 'urgent' });
  const received = await ask(nacka, { ...toRoc, kinds: ['gang_affiliation'], text: 'Har polisen kännedom om koppling till något nätverk?' });
  await step(polis, received, 'acknowledge');
  const answered = await ask(nacka, { ...toRoc, kinds: ['risk_assessment', 'criminal_groupings'], text: 'Riskbedömning och kännedom om grupperingar i området.' });
  await step(polis, answered, 'acknowledge');
  await step(polis, answered, 'answer', {
    text: 'Fiktivt demosvar: förhöjd risk; barnet har setts tillsammans med personer i ett känt nätverk.',
    risk: { level: 'elevated', assessedOn: stockholmDate(new Date(app.now().getTime() - 86_400_000)), knownAffiliation: 'yes', groupDesignation: 'Demonätverket' },
  });
  const declined = await ask(polis, { addressedOrgId: 'intake-0182', kinds: ['other'], text: 'Vilka insatser planeras för barnet?', legalGroundId: 'osl-10-28' });
  await step(nacka, declined, 'acknowledge');
  await step(nacka, declined, 'decline', { reason: 'Fiktivt demoskäl: uppgifterna omfattas av sekretess som grunden inte bryter.' });
  const withdrawn = await ask(nacka, { ...toRoc, kinds: ['other'], text: 'Behövs inte längre.' });
  await step(nacka, withdrawn, 'withdraw', { reason: 'Frågan besvarades i telefon.' });
  await nacka('POST', `${base}/parties`, { orgId: 'sis', legalGroundId: 'osl-10-28' });
  await sis('POST', `${base}/information-requests`, { addressedOrgId: 'intake-0182', kinds: ['other'], text: 'Planeras en placering enligt LVU?', legalGroundId: 'osl-10-28', urgency: 'normal' });
  return 6;
}
