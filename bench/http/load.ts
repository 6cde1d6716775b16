import autocannon from 'autocannon';
import { Agent, request } from 'node:http';

/** What one load run measured: successful requests only in the rate and the latencies. */
export interface LoadResult {
  /** 2xx responses per second. */
  rate: number;
  ok: number;
  /** Non-2xx responses and socket errors or timeouts. */
  failed: number;
  p50: number;
  p99: number;
  /** A few of the failures, to say what went wrong. */
  sample: string[];
}

export interface Target {
  url: string;
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** A fresh body for every request (each POST registers a unit of its own). */
  body?: () => string;
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Closed loop: `connections` keep-alive connections, each sending its next request when the
 * last one is answered, for `seconds` (autocannon). Latencies are autocannon's per-response
 * hrtime figures, kept exactly (its own histogram rounds to whole milliseconds).
 */
export function closedLoop(target: Target, connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const sample: string[] = [];
  let failed = 0;
  const headers = { ...(target.headers ?? {}), ...(target.body ? { 'content-type': 'application/json' } : {}) };
  const makeBody = target.body;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: target.method ?? 'GET',
            path: target.path,
            headers,
            ...(makeBody ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: makeBody() }) } : {}),
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        failed += result.errors;
        if (result.errors > 0) sample.push(`${result.errors} socket errors/timeouts`);
        resolve({
          rate: latencies.length / result.duration,
          ok: latencies.length,
          failed,
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          sample,
        });
      },
    );
    instance.on('response', (_client: autocannon.Client, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else if ((failed += 1) <= 3) sample.push(`HTTP ${status}`);
    });
  });
}

/**
 * Open loop at a fixed rate: request i is due at start + i / rate, whether or not earlier ones
 * were answered, and its latency runs from when it was due (so a stalled server cannot hide its
 * queue: no coordinated omission). autocannon's overallRate is not used here: it sends each
 * connection's share of a second back to back at the start of the second, a burst every second
 * rather than a steady rate, and its latency correction assumes a 1 ms interval.
 */
export async function openLoop(target: Target, rate: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const sample: string[] = [];
  let failed = 0;
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      send(agent, target).then(
        (status) => {
          if (status >= 200 && status < 300) latencies.push(performance.now() - due);
          else if ((failed += 1) <= 3) sample.push(`HTTP ${status}`);
        },
        (error: unknown) => {
          if ((failed += 1) <= 3) sample.push(String(error));
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rate: latencies.length / elapsed,
    ok: latencies.length,
    failed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    sample,
  };
}

function send(agent: Agent, target: Target): Promise<number> {
  const body = target.body?.();
  return new Promise((resolve, reject) => {
    const req = request(
      `${target.url}${target.path}`,
      {
        agent,
        method: target.method ?? 'GET',
        headers: {
          ...(target.headers ?? {}),
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
        },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout after 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `work` in `concurrency` loops for `seconds` and times each call (the raw-SQL side of the views). */
export async function timedLoops(concurrency: number, seconds: number, work: () => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const began = performance.now();
        await work();
        latencies.push(performance.now() - began);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rate: latencies.length / elapsed,
    ok: latencies.length,
    failed: 0,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    sample: [],
  };
}
