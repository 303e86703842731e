// A diagnostic for the report benchmark: the rows one report writes in envagin (a case with its
// report and routing JSON, a timeline event, a clock, two outbox rows, two hash-chained audit
// rows), into the real schema with all its indexes, grouped like envagin's filing queue (one
// batch in flight, the next gathering) and written by one statement per batch. Nothing else: no
// session, validation, routing, locks, replay check, row-level security or engine. Comparing it
// with the bare insert and with envagin tells whether the database writes or the rest of the
// request is what costs. Run as a child process by bench/cases.ts.
import { createHash, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query('create sequence if not exists bench_case_numbers');
const POLICE = '00000000-0000-4000-8000-000000000001';
const WRITE = `
with input as (select * from jsonb_to_recordset($1::jsonb) as r(id uuid, key text, report jsonb, pnr text, routing jsonb, h1 text, h2 text)),
cases_in as (
  insert into cases (id, number, status, received_at, receipt_date, urgency, reporter_user_id, reporter_org_id, idempotency_key,
                     police_diary_number, found_municipality_code, residence_code, identity_kind, identity_number, age_at_receipt,
                     protected_identity, report, routing)
  select id, 'ENV-2026-' || lpad(nextval('bench_case_numbers')::text, 6, '0'), 'received', now(), current_date, report->>'urgency',
         '${POLICE}', 'police-roc', key, report->>'policeDiaryNumber', report->'found'->>'municipalityCode',
         report->'residence'->>'municipalityCode', 'personnummer', pnr, 15, false, report, routing
    from input returning id, number),
events_in as (
  insert into case_events (case_id, actor_user_id, actor_org_id, actor_name, type, to_status, data)
  select id, '${POLICE}', 'police-roc', 'Polis', 'receive', 'received', jsonb_build_object('requestHash', h1) from input),
clocks_in as (
  insert into deadlines (case_id, clock, policy_id, started_at, due_at, next_fire_at)
  select id, 'claim', 'default-claim', now(), now() + interval '10 minutes', now() + interval '10 minutes' from input),
outbox_in as (
  insert into outbox (topic, channel, recipient, payload, dedupe_key)
  select 'case.reported', ch, jsonb_build_object('orgId', 'hub'),
         jsonb_build_object('link', '/arende/' || id, 'text', 'AKUT: nytt ärende har kommit in från polisen och väntar på att tas.'),
         'case.reported:' || id || '|' || ch
    from input cross join (values ('sse'), ('email')) as channels(ch)),
audit_in as (
  insert into audit_log (chain, actor_user_id, actor_role, actor_org_id, action, subject_type, subject_id, details, prev_hash, hash)
  select (abs(hashtext(id::text)) % 16)::smallint, '${POLICE}', 'police.reporter', 'police-roc', action, 'case', id::text,
         jsonb_build_object('person', h1), repeat('0', 64), hash
    from input cross join lateral (values ('case.received', h1), ('deadline.started', h2)) as rows(action, hash))
select id, number from cases_in`;

interface Waiting {
  body: { child?: { identityNumber?: string } };
  done: (result: { id: string; number: string } | Error) => void;
}
const waiting: Waiting[] = [];
let writing = false;
// The size of the routing decision and its explanation envagin stores with each case (about 1.4 kB).
const ROUTING = { preliminary: true, explanation: Array.from({ length: 12 }, (_, i) => ({ rule: `rule-${i}`, text: 'Barnet är folkbokfört i kommunen; kommunen har tecknat avtal; jourgruppen svarar nu.' })) };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function writeNext(): Promise<void> {
  if (writing || waiting.length === 0) return;
  writing = true;
  const batch = waiting.splice(0, 64);
  try {
    const input = batch.map((w) => {
      const id = randomUUID();
      return { id, key: randomUUID(), report: w.body, pnr: w.body.child?.identityNumber ?? null, routing: ROUTING, h1: sha256(`${id}1`), h2: sha256(`${id}2`) };
    });
    const { rows } = await pool.query<{ id: string; number: string }>({ name: 'write_batch', text: WRITE, values: [JSON.stringify(input)] });
    const byId = new Map(rows.map((r) => [r.id, r]));
    batch.forEach((w, n) => w.done(byId.get(input[n]!.id)!));
  } catch (error) {
    batch.forEach((w) => w.done(error as Error));
  } finally {
    writing = false;
    setImmediate(() => void writeNext());
  }
}

const app = Fastify({ logger: false });
app.post('/file', async (request, reply) => {
  const result = await new Promise<{ id: string; number: string } | Error>((done) => {
    waiting.push({ body: request.body as Waiting['body'], done });
    setImmediate(() => void writeNext());
  });
  if (result instanceof Error) throw result;
  return reply.code(201).send(result);
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end()).then(() => process.exit(0));
});
