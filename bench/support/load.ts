// A small closed-loop load generator: `concurrency` workers send requests back to back for
// `seconds`, recording each latency. Keep-alive connections through undici's global dispatcher.
export interface LoadResult {
  /** Every request's latency in ms, sorted. */
  latencies: number[];
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export async function runLoad(opts: { seconds: number; concurrency: number; send: (i: number) => Promise<Response> }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const end = performance.now() + opts.seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const res = await opts.send(i++).catch(() => null);
      if (!res || res.status >= 300) errors++;
      await res?.arrayBuffer().catch(() => undefined);
      latencies.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    latencies,
    requests: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  };
}

export function latencyOf(samples: number[]): { p50: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length * 0.5)] ?? 0, p99: s[Math.floor(s.length * 0.99)] ?? 0 };
}
