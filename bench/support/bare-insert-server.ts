// The baseline for the report benchmark: a bare Fastify + pg endpoint that inserts one row, with
// nothing else (no auth, validation, audit or outbox). Run as a child process by bench/cases.ts.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query('create table if not exists bench_rows (id bigserial primary key, body jsonb not null, created_at timestamptz not null default now())');
const app = Fastify({ logger: false });
app.post('/insert', async (request) => {
  const { rows } = await pool.query('insert into bench_rows (body) values ($1) returning id', [request.body]);
  return { id: rows[0].id };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end()).then(() => process.exit(0));
});
