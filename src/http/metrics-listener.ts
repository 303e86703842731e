// Prometheus metrics on a listener of their own (METRICS_PORT, bound to METRICS_HOST, 127.0.0.1
// unless set), for installations that keep the scrape port off the public network. It answers
// GET /metrics and nothing else, with the same registry as the main port.
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export async function listenForMetrics(registry: Registry, at: { host: string; port: number }): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
