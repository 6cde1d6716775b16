import autocannon from 'autocannon';
import { Agent, request } from 'node:http';

/** One stretch of load: the latency of every 2xx answer (ms), the failures, and how long it took. */
export interface Run {
  latencies: number[];
  /** Non-2xx answers, socket errors and timeouts. */
  failed: number;
  seconds: number;
  /** A few of the failures, to say what went wrong. */
  sample: string[];
}

/** Runs merged: 2xx answers per second over their total time, and percentiles of all their latencies. */
export interface LoadResult {
  rate: number;
  ok: number;
  failed: number;
  p50: number;
  p99: number;
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

export function summary(runs: readonly Run[]): LoadResult {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const failed = runs.reduce((sum, run) => sum + run.failed, 0);
  const sample = runs.flatMap((run) => run.sample).slice(0, 3);
  return {
    rate: latencies.length / seconds,
    ok: latencies.length,
    failed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    sample,
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Takes turns: `slices` slices of each side in alternation, the side that goes first swapping
 * every slice, so that load from elsewhere on the machine falls on both alike. `after` runs
 * (untimed) after each slice of a side, e.g. to let the service's processors catch up.
 */
export async function alternate<K extends string>(
  sides: Record<K, { slice: () => Promise<Run>; after?: () => Promise<void> }>,
  slices: number,
): Promise<Record<K, LoadResult>> {
  const keys = Object.keys(sides) as K[];
  const runs = new Map<K, Run[]>(keys.map((key) => [key, []]));
  for (let i = 0; i < slices; i += 1) {
    for (const key of i % 2 === 0 ? keys : [...keys].reverse()) {
      runs.get(key)?.push(await sides[key].slice());
      await sides[key].after?.();
    }
  }
  return Object.fromEntries(keys.map((key) => [key, summary(runs.get(key) ?? [])])) as Record<K, LoadResult>;
}

/**
 * Closed loop: `connections` keep-alive connections, each sending its next request when the
 * last one is answered, for `seconds` (autocannon). Latencies are autocannon's per-response
 * hrtime figures, kept exactly (its own histogram rounds to whole milliseconds).
 */
export function closedLoop(target: Target, connections: number, seconds: number): Promise<Run> {
  const latencies: number[] = [];
  const sample: string[] = [];
  let failed = 0;
  const headers = { ...(target.headers ?? {}), ...(target.body ? { 'content-type': 'application/json' } : {}) };
  const makeBody = target.body;
  const setup = makeBody ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: makeBody() }) } : {};
  return new Promise((resolve, reject) => {
    const options = {
      url: target.url,
      connections,
      duration: seconds,
      timeout: 30,
      requests: [{ method: target.method ?? 'GET', path: target.path, headers, ...setup }],
    };
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) => {
      if (error) return reject(error);
      if (result.errors > 0) sample.push(`${result.errors} socket errors or timeouts`);
      resolve({ latencies, failed: failed + result.errors, seconds: result.duration, sample });
    });
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
export async function openLoop(target: Target, rate: number, seconds: number): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const sample: string[] = [];
  let failed = 0;
  const fail = (what: string) => (failed += 1) <= 3 && sample.push(what);
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < Math.round(rate * seconds); i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const answered = send(agent, target).then(
      (status) => (status >= 200 && status < 300 ? latencies.push(performance.now() - due) : fail(`HTTP ${status}`)),
      (error: unknown) => fail(String(error)),
    );
    inFlight.push(answered.then(() => undefined));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { latencies, failed, seconds: (performance.now() - start) / 1000, sample };
}

function send(agent: Agent, target: Target): Promise<number> {
  const body = target.body?.();
  const length =
    body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  return new Promise((resolve, reject) => {
    const options = {
      agent,
      method: target.method ?? 'GET',
      headers: { ...(target.headers ?? {}), ...length },
      timeout: 30_000,
    };
    const req = request(`${target.url}${target.path}`, options, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout after 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `work` in `concurrency` loops for `seconds` and times each call (the raw-SQL side of the views). */
export async function timedLoops(concurrency: number, seconds: number, work: () => Promise<void>): Promise<Run> {
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const began = performance.now();
      await work();
      latencies.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { latencies, failed: 0, seconds: (performance.now() - start) / 1000, sample: [] };
}
