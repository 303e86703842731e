// Benchmark (issue 8): "who has seen this person" (POST /api/v1/audit/person-access) over an
// audit log of 10,000,000 rows for about 1,000,000 distinct persons.
//  1. A fresh database; the real server starts on it once (migrations, demo directory and
//     users), files one report and reads it as `hub`, so the log holds a real 'case.read' row,
//     and stops. That row's details are the template of the fill.
//  2. Fill: INSERT … SELECT from generate_series in chunks, through the table's real indexes
//     (primary key, subject, chain, actor, person): action 'case.read' on subject 'case', actors
//     drawn from the demo users who read cases, details = the template with its own case number
//     and `person` for one of PERSONS persons (a hash of the row number, so each person has ~10
//     rows scattered over the whole table: every hit is its own heap page). 200 of the persons
//     carry the server's real keyed reference (person-ref.ts, AUDIT_PERSON_KEY set by the
//     benchmark) of a valid test personnummer, so they can be asked for over HTTP; the rest an
//     md5 (32 hex), like a real reference. prev_hash/hash: any 64-hex strings. Then ANALYZE.
//  3. Measured, 200 different persons each (no person asked twice, so no warm row pages):
//     the route's SQL (same statement as person-routes.ts) on its own, and the HTTP endpoint as
//     `revisor` (TOTP) on the real server (session, validation, HMAC, the query, the audit row for
//     the search, serialisation). Baselines, same run: a primary-key lookup of one audit row by a
//     random id (SQL), and GET /api/v1/auth/me as the same revisor (HTTP with no work).
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/audit-person.ts
// Knobs: AUDIT_ROWS (10,000,000), PERSONS (1,000,000), CHUNK (500,000).
import { createHash, randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { personRef } from '../src/audit/person-ref.ts';
import { parseIdentityNumber } from '../src/domain/identity.ts';
import { stockholmDate } from '../src/domain/stockholm-time.ts';
import { createTestDatabase } from '../src/test/db.ts';
import { validReport } from '../src/test/reports.ts';
import { waitForFreshDemoCode } from '../src/test/totp.ts';
import { startServer } from '../test/support/server.ts';
import { busyText, machineBusy, waitForQuiet } from './support/cpu.ts';
import { latencyOf } from './support/load.ts';

if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to the PostgreSQL server to measure');
const ROWS = Number(process.env.AUDIT_ROWS ?? 10_000_000);
const PERSONS = Number(process.env.PERSONS ?? 1_000_000);
const CHUNK = Number(process.env.CHUNK ?? 500_000);
const SAMPLES = 200;
const KEY = randomBytes(24).toString('hex');
const log = (msg: string) => process.stderr.write(`${msg}\n`);

/** SAMPLES valid test personnummer (12 digits) born 2008–2015, and their normalised form. */
function testPersonnummer(): string[] {
  const today = stockholmDate(new Date());
  const out: string[] = [];
  for (let i = 0; out.length < SAMPLES; i++) {
    const born = new Date(Date.UTC(2008, 0, 1) + i * 13 * 86_400_000);
    const yymmdd = born.toISOString().slice(2, 10).replaceAll('-', '');
    const nine = `${yymmdd}${String(100 + (i % 800)).padStart(3, '0')}`;
    let sum = 0;
    for (let k = 0; k < 9; k++) {
      const d = Number(nine[k]) * (k % 2 === 0 ? 2 : 1);
      sum += d > 9 ? d - 9 : d;
    }
    const twelve = `${born.getUTCFullYear()}${nine.slice(2)}${(10 - (sum % 10)) % 10}`;
    const parsed = parseIdentityNumber(twelve, today);
    if (parsed.ok) out.push(parsed.normalized);
  }
  return out;
}

async function login(url: string, username: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'envagin-demo' }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

const load0 = loadavg()[0]!;
const testDb = await createTestDatabase();
await testDb.database.close();
const url = testDb.url!;
const pool = new pg.Pool({ connectionString: url, max: 2 });
const serverEnv = { DATABASE_URL: url, LOG_LEVEL: 'warn', AUDIT_PERSON_KEY: KEY };
try {
  // 1. Seed, and one real case read for the row template.
  let server = await startServer(serverEnv);
  const polis = await login(server.url, 'polis');
  const filed = await fetch(`${server.url}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': 'bench-audit-template' },
    body: JSON.stringify(validReport()),
  }).then((r) => r.json() as Promise<{ id: string }>);
  const hub = await login(server.url, 'hub');
  const read = await fetch(`${server.url}/api/v1/cases/${filed.id}`, { headers: { cookie: hub.cookie } });
  if (read.status !== 200) throw new Error(`reading the template case: ${read.status}`);
  await server.stop();
  const [template] = (await pool.query<{ details: Record<string, unknown> }>(`select details from audit_log where action = 'case.read' order by id desc limit 1`)).rows;
  if (!template || typeof template.details.person !== 'string') throw new Error('no real case.read row with a person reference to copy');
  const { person: _p, number: _n, ...rest } = template.details;
  const readers = (await pool.query<{ id: string; role: string; org_id: string }>(`select id, role, org_id from users where role in ('hub.handler', 'hub.supervisor', 'municipality.intake', 'municipality.manager') order by username`)).rows;
  const numbers = testPersonnummer();
  const refs = numbers.map((n) => personRef(KEY, n));

  // 2. Fill.
  const before = Number((await pool.query<{ n: string }>('select count(*) as n from audit_log')).rows[0]!.n);
  const t0 = performance.now();
  const busyFill = machineBusy();
  for (let from = 1; from <= ROWS; from += CHUNK) {
    const to = Math.min(ROWS, from + CHUNK - 1);
    await pool.query(
      `insert into audit_log (chain_key, hash_version, at, actor_user_id, actor_role, actor_org_id, action, subject_type, subject_id, request_id, details, prev_hash, hash)
       select 'case:' || md5('case-' || p)::uuid::text, 2, now() - ($2::int - g) * interval '3 seconds',
              ($4::uuid[])[1 + g % $7::int], ($5::text[])[1 + g % $7::int], ($6::text[])[1 + g % $7::int],
              'case.read', 'case', md5('case-' || p)::uuid::text, 'bench-' || g,
              $8::jsonb || jsonb_build_object('number', 'ENV-2025-' || lpad(p::text, 7, '0'),
                                              'person', case when p < $9::int then ($10::text[])[(p + 1)::int] else md5('person-' || p) end),
              md5('prev-' || g) || md5('prev2-' || g), md5('hash-' || g) || md5('hash2-' || g)
         from (select g, abs(hashint8(g::bigint)::bigint) % $3::int as p from generate_series($1::int, $11::int) g) s`,
      [from, ROWS, PERSONS, readers.map((r) => r.id), readers.map((r) => r.role), readers.map((r) => r.org_id), readers.length, JSON.stringify(rest), refs.length, refs, to],
    );
    log(`filled ${to.toLocaleString('en')} rows, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const fillS = (performance.now() - t0) / 1000;
  const fillBusy = busyFill();
  const ta = performance.now();
  await pool.query('analyze audit_log');
  const analyzeS = (performance.now() - ta) / 1000;
  const size = (
    await pool.query<{ rows: string; heap: string; idx: string; person: string; total: string }>(
      `select (select count(*) from audit_log) as rows,
              pg_size_pretty(pg_table_size('audit_log')) as heap, pg_size_pretty(pg_indexes_size('audit_log')) as idx,
              pg_size_pretty(pg_relation_size('audit_log_person_idx')) as person, pg_size_pretty(pg_total_relation_size('audit_log')) as total`,
    )
  ).rows[0]!;
  log(`fill ${fillS.toFixed(0)} s, analyze ${analyzeS.toFixed(0)} s, ${JSON.stringify(size)}`);

  // 3. Measure, once the machine is quiet (the fill itself keeps PostgreSQL busy for a while after).
  const quiet = await waitForQuiet();
  log(quiet ? 'machine quiet: measuring' : 'machine still busy after 10 min: measuring anyway');
  const time = async (n: number, fn: (i: number) => Promise<unknown>) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await fn(i);
      out.push(performance.now() - s);
    }
    return latencyOf(out);
  };
  const busySql = machineBusy();
  const maxId = Number((await pool.query<{ m: string }>('select max(id) as m from audit_log')).rows[0]!.m);
  const randomId = () => 1 + Math.floor(Math.random() * maxId);
  // The statement person-routes.ts runs (Drizzle: select audit_log.*, users.display_name … left join … where … order by id limit 5001).
  const personSql = {
    name: 'person-access',
    text: `select a.*, u.display_name from audit_log a left join users u on u.id = a.actor_user_id where (a.details->>'person') = $1 order by a.id asc limit $2`,
  };
  const pkSql = { name: 'pk', text: 'select * from audit_log where id = $1' };
  const sqlPersons = Array.from({ length: SAMPLES }, (_, i) => createHash('md5').update(`person-${SAMPLES + 1 + Math.floor((i * (PERSONS - SAMPLES - 1)) / SAMPLES)}`).digest('hex'));
  await time(20, () => pool.query({ ...pkSql, values: [randomId()] }));
  const pk = await time(SAMPLES, () => pool.query({ ...pkSql, values: [randomId()] }));
  let hits = 0;
  const personQuery = await time(SAMPLES, async (i) => {
    const r = await pool.query({ ...personSql, values: [sqlPersons[i], 5001] });
    hits += r.rowCount ?? 0;
  });
  const sqlBusy = busySql();
  const explain = (await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off) select a.*, u.display_name from audit_log a left join users u on u.id = a.actor_user_id where (a.details->>'person') = $1 order by a.id asc limit 5001`, [sqlPersons[0]])).rows.map((r) => r['QUERY PLAN']);
  log(explain.join('\n'));

  server = await startServer(serverEnv);
  let http: { me: { p50: number; p99: number }; person: { p50: number; p99: number }; returned: number; busy: number | null };
  try {
    const revisor = await login(server.url, 'revisor');
    const verify = await fetch(`${server.url}/api/v1/auth/totp/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: revisor.cookie, 'x-csrf-token': revisor.csrf },
      body: JSON.stringify({ code: await waitForFreshDemoCode('revisor') }),
    });
    if (verify.status !== 200) throw new Error(`TOTP verify: ${verify.status} ${await verify.text()}`);
    const headers = { 'content-type': 'application/json', cookie: revisor.cookie, 'x-csrf-token': revisor.csrf };
    const busyHttp = machineBusy();
    const me = () => fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie: revisor.cookie } }).then((r) => r.arrayBuffer());
    await time(20, me);
    const meT = await time(SAMPLES, me);
    let returned = 0;
    // Warm the route with persons outside the samples (their rows are then warm, not the samples').
    for (let i = 0; i < 5; i++) {
      await fetch(`${server.url}/api/v1/audit/person-access`, { method: 'POST', headers, body: JSON.stringify({ identityNumber: '201001012382' }) }).then((r) => r.arrayBuffer());
    }
    const personT = await time(SAMPLES, async (i) => {
      const res = await fetch(`${server.url}/api/v1/audit/person-access`, { method: 'POST', headers, body: JSON.stringify({ identityNumber: numbers[i] }) });
      const body = (await res.json()) as { accesses?: unknown[] };
      if (res.status !== 200) throw new Error(`person-access: ${res.status} ${JSON.stringify(body)}`);
      returned += body.accesses?.length ?? 0;
    });
    http = { me: meT, person: personT, returned, busy: busyHttp() };
  } finally {
    await server.stop();
  }
  const load1 = loadavg()[0]!;
  // After the HTTP lookups, so it does not warm the sampled persons' pages.
  const perPerson = (await pool.query<{ avg: string; max: string }>(`select avg(n)::numeric(6,1) as avg, max(n) as max from (select count(*) n from audit_log where details->>'person' = any($1::text[]) group by details->>'person') s`, [refs])).rows[0]!;

  const ms = (v: number) => (v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(1)} ms`);
  const ratio = (v: number) => `${(v / pk.p50).toFixed(1)}×`;
  process.stdout.write(
    [
      `audit_log filled to ${Number(size.rows).toLocaleString('en')} rows (${ROWS.toLocaleString('en')} generated, ${before} real) for ${PERSONS.toLocaleString('en')} persons in **${fillS.toFixed(0)} s** (${Math.round(ROWS / fillS).toLocaleString('en')} rows/s, chunks of ${CHUNK.toLocaleString('en')}, all indexes in place; ANALYZE ${analyzeS.toFixed(0)} s). Size: heap ${size.heap}, indexes ${size.idx} (of which audit_log_person_idx ${size.person}), total ${size.total}. Sampled persons have ${perPerson.avg} rows on average (max ${perPerson.max}), scattered over the table. PostgreSQL shared_buffers 128 MB, machine 24 GiB RAM: the table and its indexes stay in the OS page cache after the fill, so lookups read rows from that cache (no person is asked twice), not from disk. Whole-machine CPU busy (2 cores, all processes): ${busyText(fillBusy)} during the fill, ${busyText(sqlBusy)} during the SQL lookups, ${busyText(http.busy)} during the HTTP ones; 1-min load average ${load0.toFixed(1)} before, ${load1.toFixed(1)} after.`,
      '',
      `| measurement (${SAMPLES} lookups each, sequential) | p50 | p99 | p50 ratio to baseline |`,
      '|---|---:|---:|---:|',
      `| baseline: primary-key lookup of one audit row (SQL, random id) | ${ms(pk.p50)} | ${ms(pk.p99)} | 1.0× |`,
      `| person-access query alone (SQL of person-routes.ts, ${SAMPLES} different persons, ${hits} rows returned) | ${ms(personQuery.p50)} | ${ms(personQuery.p99)} | ${ratio(personQuery.p50)} |`,
      `| reference: GET /api/v1/auth/me as \`revisor\` (HTTP, session only) | ${ms(http.me.p50)} | ${ms(http.me.p99)} | ${ratio(http.me.p50)} |`,
      `| POST /api/v1/audit/person-access as \`revisor\` (HTTP, ${SAMPLES} different persons, ${http.returned} accesses returned) | ${ms(http.person.p50)} | ${ms(http.person.p99)} | ${ratio(http.person.p50)} |`,
      '',
      `Plan for one of the persons (EXPLAIN ANALYZE, run again after the timed lookups): ${[...explain.filter((l) => / on audit_log/.test(l)).map((l) => l.trim().replace(/^->\s*/, '').replace(/ \(actual.*$/, '')), explain.find((l) => /Buffers/.test(l))?.trim(), explain.find((l) => /Execution Time/.test(l))?.trim()].join('; ')}.`,
      '',
    ].join('\n'),
  );
} finally {
  await pool.end();
  await testDb.drop();
}
