// The baseline for the filing benchmark: a bare Fastify + pg endpoint that inserts the report body
// it is sent as one row, with nothing else (no auth, validation, audit or outbox). Run as a child
// process by bench/open-loop.ts. Its pool is as large as envagin's default (DATABASE_POOL_SIZE).
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
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
