import { signToken } from '../../apps/api/src/auth/dev-token';
import type { Role } from '../../apps/api/src/auth/roles';
import { buildServers, startServer, type ServerProcess } from './servers';

/** Spinout as a child process, compiled as `npm start` runs it, and what the bench asks of it. */
const SECRET = 'bench-http-secret-long-enough-for-hs256-0123456789';

let built: { spinout: string; baseline: string } | undefined;
/** The compiled entry points, built on first use. */
const entries = () => (built ??= buildServers());

export function startSpinout(databaseUrl: string, runProcessors: boolean): Promise<ServerProcess> {
  const env = {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: SECRET,
    JWT_ISSUER: 'spinout',
    LOG_LEVEL: 'warn',
    RUN_PROCESSORS: String(runProcessors),
    KAFKA_BROKERS: '',
    SPINOUT_DEMO: 'false',
  };
  return startServer(entries().spinout, env, '/health');
}

export function startBaseline(databaseUrl: string, poolSize: number): Promise<ServerProcess> {
  return startServer(
    entries().baseline,
    { DATABASE_URL: databaseUrl, BASELINE_POOL_SIZE: String(poolSize) },
    '/baseline/health',
  );
}

/** A bearer header the service accepts: a development token (HS256) with these roles. */
export function bearer(subject: string, ...roles: Role[]): Record<string, string> {
  return { authorization: `Bearer ${signToken({ subject, roles, secret: SECRET, issuer: 'spinout' })}` };
}

/** The body of a register-service-unit command (as in the outsourcing journey), its name numbered. */
export function registerBody(n: number): string {
  return JSON.stringify({
    agency: 'Provincial Finance Department',
    name: `Staff canteen ${n}`,
    category: 'canteen',
    establishmentHeadcount: 10,
    annualCostBaseline: { amountMinor: 150_000_000 },
    assets: [
      { assetId: 'K-01', description: 'Kitchen line', bookValue: { amountMinor: 20_000_000 } },
      { assetId: 'V-01', description: 'Refrigerated van', bookValue: { amountMinor: 8_000_000 } },
    ],
  });
}

interface ProcessorStatus {
  name: string;
  state: string;
  lag: number;
  parked: number;
}

/**
 * Waits until every processor the service runs has read the whole log (`/health/details`), and
 * returns their statuses then, with the milliseconds each took to get there (to the nearest
 * poll). Throws after `timeoutMs`, naming the ones behind.
 */
export async function processorsCaughtUp(
  server: ServerProcess,
  timeoutMs: number,
): Promise<{ statuses: ProcessorStatus[]; caughtUpMs: Map<string, number> }> {
  const headers = bearer('bench.operator', 'operator');
  const started = Date.now();
  const caughtUpMs = new Map<string, number>();
  for (;;) {
    const response = await fetch(`${server.url}/health/details`, { headers });
    const statuses = ((await response.json()) as { processors?: ProcessorStatus[] }).processors ?? [];
    const active = statuses.filter((processor) => processor.state === 'active');
    for (const processor of active)
      if (processor.lag === 0 && !caughtUpMs.has(processor.name)) caughtUpMs.set(processor.name, Date.now() - started);
    const behind = active.filter((processor) => processor.lag > 0);
    if (statuses.length > 0 && behind.length === 0) return { statuses, caughtUpMs };
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `Processors still behind after ${timeoutMs / 1000} s: ${behind.map((p) => `${p.name} (${p.lag})`).join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
