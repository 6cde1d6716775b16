import { signToken } from '../../apps/api/src/auth/dev-token';
import type { Role } from '../../apps/api/src/auth/roles';
import { startServer, type ServerProcess } from './servers';

/** Spinout as a child process, started the way the fault tests start it, and what the bench asks of it. */
const SECRET = 'bench-http-secret-long-enough-for-hs256-0123456789';

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
  return startServer('apps/api/src/main.ts', env, '/health');
}

export function startBaseline(databaseUrl: string, poolSize: number): Promise<ServerProcess> {
  return startServer(
    'bench/http/baseline.server.ts',
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
 * returns their statuses then. Throws after `timeoutMs`, naming the ones behind.
 */
export async function processorsCaughtUp(server: ServerProcess, timeoutMs: number): Promise<ProcessorStatus[]> {
  const headers = bearer('bench.operator', 'operator');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${server.url}/health/details`, { headers });
    const body = (await response.json()) as { processors?: ProcessorStatus[] };
    const processors = body.processors ?? [];
    const behind = processors.filter((processor) => processor.state === 'active' && processor.lag > 0);
    if (processors.length > 0 && behind.length === 0) return processors;
    if (Date.now() > deadline)
      throw new Error(
        `Processors still behind after ${timeoutMs / 1000} s: ${behind.map((p) => `${p.name} (${p.lag})`).join(', ')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
