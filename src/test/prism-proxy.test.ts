// The Prism harness of ENVAGIN_TEST_PRISM=1 (src/test/prism-proxy.ts) catches what it is for: in
// front of a small server whose answers stray from its own document, stop() fails and names the
// exchanges; a request the server refuses (4xx) is not held against it, one it accepts is.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import { contractBreak, startPrismProxy, type PrismProxy } from './prism-proxy.ts';

const document = {
  openapi: '3.1.0',
  info: { title: 'harness', version: '1' },
  paths: {
    '/api/thing': {
      post: {
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } }, additionalProperties: false } } } },
        responses: {
          200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } } },
          400: { description: 'refused', content: { 'application/json': { schema: { type: 'object' } } } },
        },
      },
    },
  },
};

let server: Server;
let upstream = '';
let proxy: PrismProxy;

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const send = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.url === '/api/openapi.json') return send(200, document);
      const sent = (body ? JSON.parse(body) : {}) as { name?: unknown; answer?: string };
      if (req.url === '/api/thing' && sent.answer === 'refuse') return send(400, {});
      if (req.url === '/api/thing' && sent.answer === 'stray') return send(200, { name: 42 });
      if (req.url === '/api/thing') return send(200, { name: String(sent.name ?? '') });
      return send(200, { undocumented: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  upstream = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  proxy = await startPrismProxy(upstream);
});
after(() => new Promise((resolve) => server.close(resolve)));

const post = (path: string, body: unknown) => fetch(`${proxy.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('Prism in front: a stray answer, an accepted bad request and an undocumented route break the contract; a refused bad request does not', { timeout: 60_000 }, async () => {
  assert.deepEqual(await (await post('/api/thing', { name: 'a' })).json(), { name: 'a' }, 'the answer comes through unchanged');
  assert.equal((await post('/api/thing', { answer: 'refuse' })).status, 400);
  assert.equal((await post('/api/thing', { answer: 'stray' })).status, 200);
  assert.equal((await post('/api/thing', { name: 'b', extra: 1 })).status, 200);
  assert.equal((await post('/api/elsewhere', {})).status, 200);
  assert.equal((await fetch(`${proxy.origin}/`)).status, 200, 'not the API: straight to the server');

  const broken = proxy.exchanges.map((e) => [`${e.method} ${e.path} ${e.status}`, contractBreak(e) !== null]);
  assert.deepEqual(broken, [
    ['POST /api/thing 200', false],
    ['POST /api/thing 400', false],
    ['POST /api/thing 200', true],
    ['POST /api/thing 200', true],
    ['POST /api/elsewhere 200', true],
    ['GET / 200', false],
  ]);
  assert.ok(proxy.exchanges.at(-1)!.bypassed);
  await assert.rejects(proxy.stop(), /Prism: 3 of 6 exchanges break the OpenAPI contract/);
});
