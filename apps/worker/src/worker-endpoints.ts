import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { SqlDatabase } from '@spinout/event-store';
import { CachedProbe, METRICS_CONTENT_TYPE, ServiceMetrics } from '@spinout/observability';
import type { WorkerConfig } from './worker-config';
import { WORKER_CONFIG, WORKER_DATABASE } from './worker.tokens';

/**
 * The worker's own `GET /health` ({"status":"up"|"down"}: does the database answer, asked at
 * most once a second) and `GET /metrics` (its processors — a stalled relay shows as lag and an
 * old last progress — its Kafka consumer and Node's process series) on WORKER_HTTP_PORT; 0
 * turns them off. A bare node:http server: the worker has no HTTP API. The port carries no
 * programme data and asks for no token: expose it to the monitoring network only.
 */
@Injectable()
export class WorkerEndpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | null = null;
  private readonly database: CachedProbe;
  private readonly logger = new Logger('Worker');

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_DATABASE) db: SqlDatabase,
    private readonly metrics: ServiceMetrics,
  ) {
    this.database = new CachedProbe(() => db.ping());
  }

  /** The port listened on, null when off. */
  get port(): number | null {
    return this.server ? (this.server.address() as AddressInfo).port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.workerHttpPort ?? 0;
    if (port === 0) return;
    const server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '0.0.0.0', () => resolve());
    });
    this.server = server;
    this.logger.log(`Health at http://localhost:${port}/health, metrics at /metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections());
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return send(response, 405, 'application/json', '{"status":405}', { Allow: 'GET, HEAD' });
      if (path === '/health') {
        const up = await this.database.up();
        return send(response, up ? 200 : 503, 'application/json', JSON.stringify({ status: up ? 'up' : 'down' }));
      }
      if (path === '/metrics') return send(response, 200, METRICS_CONTENT_TYPE, await this.metrics.render());
      send(response, 404, 'application/json', '{"status":404}');
    } catch (error) {
      this.logger.error(`GET ${path}: ${(error as Error).message}`, (error as Error).stack);
      send(response, 500, 'application/json', '{"status":500}');
    }
  }
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
