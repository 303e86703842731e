// With ENVAGIN_TEST_PRISM=1 the tests' app.inject goes over a real socket through Prism
// (src/test/prism-proxy.ts) instead of Fastify's in-process injection: the app listens on a free
// port, Prism stands in front of it, and the answer the test gets is the one that came through
// Prism, in the shape of light-my-request's (status, headers, body, json(), cookies).
import { request as httpRequest } from 'node:http';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../http/app.ts';
import { startPrismProxy, type PrismProxy } from './prism-proxy.ts';

interface Cookie {
  name: string;
  value: string;
  [attribute: string]: unknown;
}

function parseCookie(header: string): Cookie {
  const [pair = '', ...attributes] = header.split(';');
  const at = pair.indexOf('=');
  const cookie: Cookie = { name: pair.slice(0, at).trim(), value: decodeURIComponent(pair.slice(at + 1).trim()) };
  for (const attribute of attributes) {
    const [key = '', value] = attribute.split('=');
    const name = key.trim().toLowerCase();
    const known: Record<string, string> = { 'max-age': 'maxAge', httponly: 'httpOnly', samesite: 'sameSite', expires: 'expires', path: 'path', domain: 'domain', secure: 'secure' };
    cookie[known[name] ?? name] = value === undefined ? true : name === 'expires' ? new Date(value.trim()) : name === 'max-age' ? Number(value) : value.trim();
  }
  return cookie;
}

/** What light-my-request would have sent for `payload`, and the content type it implies. */
function bodyOf(payload: InjectOptions['payload']): { body: Buffer | null; type: string | null } {
  if (payload === undefined || payload === null) return { body: null, type: null };
  if (typeof payload === 'string') return { body: Buffer.from(payload), type: null };
  if (Buffer.isBuffer(payload)) return { body: payload, type: null };
  return { body: Buffer.from(JSON.stringify(payload)), type: 'application/json' };
}

function send(origin: string, options: InjectOptions): Promise<LightMyRequestResponse> {
  const target = new URL(String(options.url ?? options.path ?? '/'), origin);
  const query = options.query;
  if (query && typeof query === 'object') for (const [key, value] of Object.entries(query)) for (const v of [value].flat()) target.searchParams.append(key, String(v));
  const { body, type } = bodyOf(options.payload ?? options.body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = String(value);
  if (body && type && !headers['content-type']) headers['content-type'] = type;
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest(target, { method: (options.method ?? 'GET').toUpperCase(), headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const rawPayload = Buffer.concat(chunks);
        const text = rawPayload.toString('utf8');
        const responseHeaders: Record<string, string | string[] | undefined> = { ...res.headers };
        const setCookie = res.headers['set-cookie'];
        // light-my-request gives one Set-Cookie as a string, several as an array.
        if (setCookie) responseHeaders['set-cookie'] = setCookie.length === 1 ? setCookie[0] : setCookie;
        const response = {
          statusCode: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          headers: responseHeaders,
          rawPayload,
          payload: text,
          body: text,
          trailers: {},
          cookies: (setCookie ?? []).map(parseCookie),
          json: () => JSON.parse(text) as unknown,
          stream: () => {
            throw new Error('stream() is not available through Prism');
          },
          raw: { req, res },
        };
        resolve(response as unknown as LightMyRequestResponse);
      });
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/**
 * Makes `app` listen on a free port behind Prism and sends its `inject` calls through Prism.
 * An inject with options the network cannot carry (a chosen remote address, a callback, the
 * chaining form) stays in-process. Returns the proxy; its stop() fails on contract breaks.
 * app.close() closes the listening server as usual.
 */
export async function injectThroughPrism(app: App): Promise<PrismProxy> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the app has no address');
  const proxy = await startPrismProxy(`http://127.0.0.1:${address.port}`);
  const inProcess = app.inject.bind(app);
  const through = (options?: InjectOptions | string, callback?: unknown) => {
    if (callback !== undefined || options === undefined) return (inProcess as (...a: unknown[]) => unknown)(options, callback);
    const opts = typeof options === 'string' ? { url: options } : options;
    if (opts.remoteAddress !== undefined || opts.cookies !== undefined || opts.simulate !== undefined) return inProcess(opts);
    return send(proxy.origin, opts);
  };
  (app as { inject: unknown }).inject = through;
  // A test that makes the app listen itself (a browser on the web app, an event stream) gets the
  // port it already listens on: the browser and the stream go straight to the app (see
  // src/test/prism-proxy.ts for why), its inject calls through Prism.
  const direct = `http://127.0.0.1:${address.port}`;
  (app as { listen: unknown }).listen = async () => direct;
  return proxy;
}
