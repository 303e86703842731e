// The baseline for the statistics benchmark: a bare Fastify + pg endpoint answering a plain
// `select count(*) from case_facts` over the same table, with nothing else (no session, audit or
// transaction). Run as a child process by bench/statistics.ts, on the database of the server measured.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const app = Fastify({ logger: false });
app.get('/count', async () => {
  const { rows } = await pool.query<{ n: string }>('select count(*) as n from case_facts');
  return { n: Number(rows[0]!.n) };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end()).then(() => process.exit(0));
});
