// The baseline for the SSE benchmark: a bare Node http server that keeps text/event-stream
// connections open and, on POST /broadcast, writes the posted payload to every one of them at
// once (no auth, no database, no outbox, no engine). Run as a child process by bench/sse.ts.
import { createServer, type ServerResponse } from 'node:http';

const clients = new Set<ServerResponse>();
let nextId = 1;

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' });
    res.write('retry: 3000\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
    return;
  }
  if (req.method === 'POST' && req.url === '/broadcast') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { topic: string };
      // The same frame shape as src/jobs/sse.ts: id, event (the topic), data (JSON on one line).
      const text = `id: ${nextId++}\nevent: ${payload.topic}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const c of clients) c.write(text);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ clients: clients.size }));
    });
    return;
  }
  res.writeHead(404).end();
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => {
  for (const c of clients) c.end();
  server.close(() => process.exit(0));
});
