// Many Server-Sent Events clients in one process, each on its own TCP connection (raw
// http.request, no agent pooling), recording when each event of one topic arrived, keyed by the
// case number in its data. The arrival time is taken when the chunk is read, before parsing.
import { request, type ClientRequest } from 'node:http';

export interface SseClientSet {
  /** received[client] maps case number → performance.now() when that client read it. */
  received: Map<string, number>[];
  /** Frames of other topics and heartbeats seen (sanity check). */
  otherFrames: number;
  /** Events of the topic a client had already read (each should arrive once). */
  repeated: number;
  errors: string[];
  close(): void;
}

export async function connectSseClients(opts: { url: string; count: number; headers?: Record<string, string>; topic: string }): Promise<SseClientSet> {
  const set: SseClientSet = { received: [], otherFrames: 0, repeated: 0, errors: [], close: () => {} };
  const requests: ClientRequest[] = [];
  const connectOne = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const seen = new Map<string, number>();
      set.received[index] = seen;
      let buffer = '';
      const req = request(opts.url, { method: 'GET', agent: false, headers: { accept: 'text/event-stream', ...opts.headers } }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`SSE client ${index}: HTTP ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        let first = true;
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (event === opts.topic && data) {
              const caseNumber = (JSON.parse(data) as { caseNumber?: string }).caseNumber;
              if (caseNumber && seen.has(caseNumber)) set.repeated++;
              else if (caseNumber) seen.set(caseNumber, at);
            } else {
              set.otherFrames++;
            }
          }
          // The stream is registered with the server's hub once its first bytes arrive.
          if (first) {
            first = false;
            resolve();
          }
        });
        res.on('error', (e) => set.errors.push(`${index}: ${e.message}`));
      });
      req.on('error', (e) => {
        set.errors.push(`${index}: ${e.message}`);
        reject(e);
      });
      req.end();
      requests.push(req);
    });
  // Connect in waves of 20 so the server is not hit by 200 session lookups in one instant.
  for (let i = 0; i < opts.count; i += 20) {
    await Promise.all(Array.from({ length: Math.min(20, opts.count - i) }, (_, k) => connectOne(i + k)));
  }
  set.close = () => {
    for (const r of requests) r.destroy();
  };
  return set;
}

export interface DeliveryStats {
  pairs: number;
  missing: number;
  p50: number;
  p99: number;
  max: number;
}

/** Latency over every (client, event) pair: arrival − send time. */
export function deliveryStats(sent: Map<string, number>, clients: SseClientSet): DeliveryStats {
  const lat: number[] = [];
  let missing = 0;
  for (const [key, t0] of sent) {
    for (const seen of clients.received) {
      const at = seen.get(key);
      if (at === undefined) missing++;
      else lat.push(at - t0);
    }
  }
  lat.sort((a, b) => a - b);
  const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
  return { pairs: lat.length, missing, p50: pct(0.5), p99: pct(0.99), max: lat[lat.length - 1] ?? NaN };
}
