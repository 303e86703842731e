// The HTTP integration tests through Stoplight Prism as a validating proxy (issue 23 point 12),
// on when ENVAGIN_TEST_PRISM=1: every request a test makes and every answer the server gives is
// checked against the OpenAPI document that server serves.
//
//   test ──▶ recorder (here, in the test process) ──▶ `prism proxy` (child process) ──▶ server
//
// Prism puts what it found in the `sl-violations` header of its answer; the recorder reads it
// for every exchange and `stop()` fails the test file with the ones that are contract breaks:
// - any violation of the answer (status not documented, header, body schema): the server
//   answered something the document does not say;
// - a violation of the request the server accepted (answered below 400), including a route the
//   document does not know: the document is stricter than the server, or misses a route. A
//   request the server refused (4xx) is the test probing the server's own refusal, and
//   Prism's complaint about it is expected.
// Prism runs without --errors, so it forwards what it finds fault with instead of answering
// itself (the server's own 400/401/… is what the tests check).
//
// What goes straight to the server, and why (Prism's proxy cannot carry it unchanged):
// - the live-event stream (text/event-stream): Prism reads the upstream answer to its end before
//   answering, and a stream does not end;
// - binary downloads (PDF, XLSX): Prism reads every answer that is not JSON as text, which
//   breaks their bytes;
// - the OpenID Connect login (/api/v1/auth/oidc/…): it answers with redirects, and Prism's
//   proxy follows a redirect itself (to the identity provider) instead of passing it on;
// - what is not the API and not in the document on purpose: the web app's pages and assets,
//   /api/docs and the document itself, /metrics (Prometheus text for a scraper; `hide: true`);
// - a body that says JSON but is not (the tests of MALFORMED_BODY): Prism cannot parse it to
//   forward it.
// Prism joins repeated Set-Cookie headers with commas; the recorder splits them again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Whether this run sends the HTTP tests through Prism. */
export const prismEnabled = (): boolean => process.env.ENVAGIN_TEST_PRISM === '1';

export interface Violation {
  location: string[];
  severity: string;
  code?: string | number;
  message: string;
}

export interface Exchange {
  method: string;
  /** The path without the query (the query may hold values the report should not repeat). */
  path: string;
  status: number;
  /** Straight to the server, not through Prism (see the list above). */
  bypassed: boolean;
  violations: Violation[];
  /** Prism answered itself (its problem type …/prism/errors#…) instead of forwarding. */
  prismError: string | null;
}

export interface PrismProxy {
  /** Where the tests send their requests. */
  origin: string;
  exchanges: Exchange[];
  /** The contract breaks among the exchanges so far, one line each. */
  breaks(): string[];
  /** Stops Prism and the recorder; throws with the contract breaks, if any. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const BINARY = /\.(pdf|xlsx)$/;

/** Whether a request goes straight to the server (see the header comment). */
function bypasses(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): boolean {
  if (path.endsWith('/events') || String(headers.accept ?? '').includes('text/event-stream')) return true;
  if (BINARY.test(path) || path.startsWith('/api/v1/auth/oidc/')) return true;
  const api = path.startsWith('/api/') || ['/health', '/ready'].includes(path);
  if (!api || path === '/api/openapi.json' || path.startsWith('/api/docs')) return true;
  if (body.length > 0 && /json/.test(String(headers['content-type'] ?? ''))) {
    try {
      JSON.parse(body.toString('utf8'));
    } catch {
      return true;
    }
  }
  // Prism refuses to forward a GET or HEAD with a body; the server decides what that means.
  return body.length > 0 && (method === 'GET' || method === 'HEAD');
}

/** Set-Cookie headers Prism joined with commas, split again (a comma inside Expires is followed by a space and a day, not by `name=`). */
function splitSetCookie(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(/,\s*(?=[!#$%&'*+\-.^_`|~0-9A-Za-z]+=)/));
}

function parseViolations(header: string | string[] | undefined): Violation[] {
  if (header === undefined) return [];
  const text = Array.isArray(header) ? header.join(',') : header;
  try {
    return JSON.parse(text) as Violation[];
  } catch {
    // "Too many violations! …" (Prism cuts the header at 8 kB).
    return [{ location: ['response'], severity: 'Error', message: text.slice(0, 500) }];
  }
}

/** Why an exchange breaks the contract, or null. */
export function contractBreak(e: Exchange): string | null {
  const what = `${e.method} ${e.path} → ${e.status}`;
  if (e.prismError) return `${what}: ${e.prismError}`;
  const answer = e.violations.filter((v) => v.location[0] === 'response');
  if (answer.length > 0) return `${what}: ${answer.map((v) => `${v.location.join('.')} ${v.message}`).join('; ')}`;
  const request = e.violations.filter((v) => v.location[0] === 'request');
  if (request.length > 0 && e.status < 400) return `${what}: accepted a request the document refuses: ${request.map((v) => `${v.location.join('.')} ${v.message}`).join('; ')}`;
  return null;
}

/** Starts Prism in front of `upstream` (a running server), with the document that server serves. */
export async function startPrismProxy(upstream: string): Promise<PrismProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'envagin-prism-'));
  const document = join(dir, 'openapi.json');
  const served = await fetch(`${upstream}/api/openapi.json`);
  if (!served.ok) throw new Error(`GET ${upstream}/api/openapi.json: ${served.status}`);
  writeFileSync(document, await served.text());

  const prismPort = await freePort();
  const prismOrigin = new URL(`http://127.0.0.1:${prismPort}`);
  let prismLog = '';
  const prism: ChildProcess = spawn(
    process.execPath,
    [join(root, 'node_modules/@stoplight/prism-cli/dist/index.js'), 'proxy', document, upstream, '--no-cors', '-h', '127.0.0.1', '-p', String(prismPort), '-v', 'error'],
    { cwd: root, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prism.stdout!.on('data', (d: Buffer) => (prismLog += d.toString()));
  prism.stderr!.on('data', (d: Buffer) => (prismLog += d.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (prism.exitCode !== null) throw new Error(`prism exited early:\n${prismLog}`);
    if (await fetch(`${prismOrigin.origin}/health`).then(() => true, () => false)) break;
    if (Date.now() > deadline) throw new Error(`prism not up within 60 s:\n${prismLog}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const direct = new URL(upstream);
  const exchanges: Exchange[] = [];
  const recorder: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? 'GET';
      const path = (req.url ?? '/').split('?')[0]!;
      const bypassed = bypasses(method, path, req.headers, body);
      const target = bypassed ? direct : prismOrigin;
      const out = httpRequest(
        { host: target.hostname, port: target.port, method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer) => {
          const status = answer.statusCode ?? 0;
          const headers = { ...answer.headers };
          if (bypassed) {
            // Streamed as it comes (the live-event stream does not end).
            exchanges.push({ method, path, status, bypassed, violations: [], prismError: null });
            res.writeHead(status, headers);
            answer.pipe(res);
            return;
          }
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            const text = Buffer.concat(parts);
            let prismError: string | null = null;
            if (/problem\+json/.test(String(headers['content-type'] ?? ''))) {
              try {
                const problem = JSON.parse(text.toString('utf8')) as { type?: string; detail?: string };
                if (problem.type?.startsWith('https://stoplight.io/prism/errors#')) prismError = `Prism answered itself: ${problem.type} ${problem.detail ?? ''}`;
              } catch {
                // Not JSON: the server's business, checked by the violations.
              }
            }
            exchanges.push({ method, path, status, bypassed, violations: parseViolations(headers['sl-violations']), prismError });
            delete headers['sl-violations'];
            const cookies = splitSetCookie(headers['set-cookie']);
            if (cookies) headers['set-cookie'] = cookies;
            headers['content-length'] = String(text.length);
            delete headers['transfer-encoding'];
            res.writeHead(status, headers);
            res.end(text);
          });
        },
      );
      out.on('error', (error) => {
        // No answer at all (Prism stopped, say): a break too, not something to pass over.
        exchanges.push({ method, path, status: 502, bypassed, violations: [], prismError: `no answer through ${bypassed ? 'the direct way' : 'Prism'}: ${error.message}` });
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`recorder: ${error.message}`);
      });
      out.end(body);
    });
  });
  const recorderPort = await freePort();
  await new Promise<void>((resolve) => recorder.listen(recorderPort, '127.0.0.1', resolve));

  const breaks = () => exchanges.map(contractBreak).filter((b): b is string => b !== null);
  return {
    origin: `http://127.0.0.1:${recorderPort}`,
    exchanges,
    breaks,
    async stop() {
      recorder.closeAllConnections();
      await new Promise((resolve) => recorder.close(resolve));
      if (prism.exitCode === null) {
        const exited = new Promise((resolve) => prism.once('exit', resolve));
        prism.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
      const found = breaks();
      if (found.length > 0) {
        throw new Error(`Prism: ${found.length} of ${exchanges.length} exchanges break the OpenAPI contract:\n${found.join('\n')}`);
      }
    },
  };
}
